import { z } from 'zod';

/** One entry of `inferenceProviderMapping`; in listings the Hub sends an array of all the model's providers. */
export const hubProviderMappingSchema = z.looseObject({
  provider: z.string(),
  providerId: z.string().optional(),
  /** `live`, `staging` or `error` today; kept as text so a new status is not a crash. */
  status: z.string().optional(),
  task: z.string().optional(),
  /**
   * Context length and prices (USD per million tokens) on some chat mappings. Read leniently by the catalog: a
   * malformed one costs its figures, not the page.
   */
  providerDetails: z.unknown().optional(),
});

/**
 * Older listings and the model endpoint send the same mappings as an object keyed by provider
 * (`{"hf-inference": {"status": "live", "providerId": "…", "task": "…"}}`). A key is held to a provider name's form: it
 * becomes the mapping's `provider`, and an odd key (`__proto__`, an empty one) must not reach an object's prototype.
 */
const hubProviderMappingRecordSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { error: 'not a provider name' }),
  hubProviderMappingSchema.extend({ provider: z.string().optional() }),
);

/** `providerDetails` as the catalog reads it; anything else in that field is ignored. */
export const hubProviderDetailsSchema = z.looseObject({
  context_length: z.number().int().positive().max(2_147_483_647).nullish(),
  pricing: z
    .looseObject({ input: z.number().nonnegative().nullish(), output: z.number().nonnegative().nullish() })
    .nullish(),
});

/** A string or a list of them, as cards write `license`, `language` and `base_model`; anything else is unknown. */
const cardValues = z
  .union([z.string(), z.array(z.string()).max(10_000)])
  .optional()
  .catch(undefined);

/**
 * `cardData` (expand only) as the catalog reads it: what the model card's metadata says of the license, languages and
 * base models. Cards are written by hand, so each field is read on its own: a field of another shape is unknown, and
 * costs neither the rest of the card nor the page.
 */
export const hubCardDataSchema = z.looseObject({
  license: cardValues,
  language: cardValues,
  base_model: cardValues,
  base_model_relation: z.string().optional().catch(undefined),
});

/** `gguf` (expand only), read like `cardData`: `total` is the parameter count of the model's GGUF file. */
export const hubGgufSchema = z.looseObject({
  total: z.number().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});

/**
 * The Hub refuses a repo name longer than 96 characters (`huggingface_hub`'s `validate_repo_id`), and its owners'
 * names are shorter still; an id is `owner/name`, so no id it lists is longer than two such parts and a slash. One that
 * is did not come from the Hub, and makes its page malformed rather than being served.
 */
export const HUB_MAX_NAME_LENGTH = 96;
export const HUB_MAX_ID_LENGTH = 2 * HUB_MAX_NAME_LENGTH + 1;

const hubId = z
  .string()
  .min(1)
  .max(HUB_MAX_ID_LENGTH)
  .refine((id) => id.split('/').every((part) => part.length <= HUB_MAX_NAME_LENGTH), {
    error: `its owner or name is longer than the Hub's ${HUB_MAX_NAME_LENGTH} characters`,
  });

/**
 * A model as `/api/models` lists it. Only `id` is always present: `expand[]` returns `_id`, `id` and
 * the requested fields, and the Hub omits missing values rather than sending null. Unknown fields pass
 * through untouched so a Hub addition never breaks a crawl; a known field of the wrong type does.
 */
export const hubModelItemSchema = z.looseObject({
  id: hubId,
  _id: z.string().optional(),
  modelId: z.string().optional(),
  author: z.string().optional(),
  sha: z.string().optional(),
  likes: z.number().optional(),
  /** Downloads over the last 30 days. */
  downloads: z.number().optional(),
  downloadsAllTime: z.number().optional(),
  trendingScore: z.number().optional(),
  private: z.boolean().optional(),
  disabled: z.boolean().optional(),
  gated: z.union([z.literal(false), z.literal('auto'), z.literal('manual')]).optional(),
  tags: z.array(z.string()).optional(),
  pipeline_tag: z.string().optional(),
  library_name: z.string().optional(),
  /** ISO-8601, e.g. `2025-11-04T08:25:31.000Z`. */
  createdAt: z.string().optional(),
  lastModified: z.string().optional(),
  /** `"warm"` or absent. */
  inference: z.string().optional(),
  safetensors: z
    .looseObject({
      parameters: z.record(z.string(), z.number()),
      /** Total parameter count. */
      total: z.number(),
    })
    .optional(),
  /** An array in listings; an object keyed by provider in older listings (both are read the same). */
  inferenceProviderMapping: z.union([z.array(hubProviderMappingSchema), hubProviderMappingRecordSchema]).optional(),
  /** Read leniently by the catalog (`hubCardDataSchema`): a card is free-form. */
  cardData: z.unknown().optional(),
  /** Read leniently by the catalog (`hubGgufSchema`). */
  gguf: z.unknown().optional(),
});

export type HubProviderMapping = z.infer<typeof hubProviderMappingSchema>;
export type HubModelItem = z.infer<typeof hubModelItemSchema>;
