import { z } from 'zod';

/** Prices, latencies and throughputs: finite and never negative. */
const amount = z.number().nonnegative();

/**
 * One provider of a chat model in the router's `GET /v1/models` (the Hub's docs, `inference-providers/hub-api.md`).
 * Every figure is optional and may be null: the endpoint's exact shape is unverified, so an absent figure costs that
 * figure, while a figure of the wrong type makes the listing untrustworthy. Unknown fields pass through.
 */
export const routerProviderSchema = z.looseObject({
  provider: z.string().min(1).max(200),
  /** `live` or `error` as documented; kept as text. */
  status: z.string().max(100).nullish(),
  /** GraphQL's Int holds it: a context past 2³¹ tokens is not a context length. */
  context_length: z.number().int().positive().max(2_147_483_647).nullish(),
  /** USD per million tokens. */
  pricing: z.looseObject({ input: amount.nullish(), output: amount.nullish() }).nullish(),
  supports_tools: z.boolean().nullish(),
  supports_structured_output: z.boolean().nullish(),
  first_token_latency_ms: amount.nullish(),
  /** Tokens per second. */
  throughput: amount.nullish(),
  is_model_author: z.boolean().nullish(),
});

/** A router entry: the Hub model id and its providers; an entry without `providers` lists none. */
export const routerModelSchema = z.looseObject({
  id: z.string().min(1).max(512),
  providers: z.array(routerProviderSchema).max(1000).default([]),
});

export type RouterProviderItem = z.infer<typeof routerProviderSchema>;
export type RouterModelItem = z.infer<typeof routerModelSchema>;
