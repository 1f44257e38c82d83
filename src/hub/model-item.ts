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

/** `providerDetails` as the catalog reads it; anything else in that field is ignored. */
export const hubProviderDetailsSchema = z.looseObject({
  context_length: z.number().int().positive().max(2_147_483_647).nullish(),
  pricing: z
    .looseObject({ input: z.number().nonnegative().nullish(), output: z.number().nonnegative().nullish() })
    .nullish(),
});

/**
 * The Hub refuses a repo id (`owner/name`) longer than this (`huggingface_hub`'s `validate_repo_id`: "between 1 and 96
 * characters"); a longer one did not come from the Hub, and is refused rather than served.
 */
export const HUB_MAX_ID_LENGTH = 96;

/**
 * A model as `/api/models` lists it. Only `id` is always present: `expand[]` returns `_id`, `id` and
 * the requested fields, and the Hub omits missing values rather than sending null. Unknown fields pass
 * through untouched so a Hub addition never breaks a crawl; a known field of the wrong type does.
 */
export const hubModelItemSchema = z.looseObject({
  id: z.string().min(1).max(HUB_MAX_ID_LENGTH),
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
  inferenceProviderMapping: z.array(hubProviderMappingSchema).optional(),
});

export type HubProviderMapping = z.infer<typeof hubProviderMappingSchema>;
export type HubProviderDetails = z.infer<typeof hubProviderDetailsSchema>;
export type HubModelItem = z.infer<typeof hubModelItemSchema>;
