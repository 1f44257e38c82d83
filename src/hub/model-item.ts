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
  inferenceProviderMapping: z.array(hubProviderMappingSchema).optional(),
});

export type HubProviderMapping = z.infer<typeof hubProviderMappingSchema>;
export type HubProviderDetails = z.infer<typeof hubProviderDetailsSchema>;
export type HubModelItem = z.infer<typeof hubModelItemSchema>;
