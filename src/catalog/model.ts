/** A provider's mapping of a model, as hubcat keeps it. */
export interface ProviderMapping {
  provider: string;
  providerId: string | null;
  /** `live`, `staging` or `error` on the Hub today; kept as text so a new status is not a crash. */
  status: string;
  task: string | null;
  /** What the router (or else the listing's `providerDetails`) says of this mapping; absent when neither does. */
  details?: MappingDetails;
}

/**
 * A mapping's figures for routing. The router's listing wins where it names the provider for the model; the Hub
 * listing's own `providerDetails` fills in where it does not (or when the router could not be read).
 */
export interface MappingDetails {
  source: 'router' | 'listing';
  contextLength: number | null;
  /** USD per million tokens. */
  inputPerMillion: number | null;
  outputPerMillion: number | null;
  supportsTools: boolean | null;
  supportsStructuredOutput: boolean | null;
  firstTokenLatencyMs: number | null;
  /** Tokens per second. */
  throughput: number | null;
}

export type GatedMode = 'auto' | 'manual';

/** How a model derives from a base model, as the Hub's `base_model:<relation>:<id>` tags name it. */
export const BASE_MODEL_RELATIONS = ['finetune', 'quantized', 'adapter', 'merge'] as const;
export type BaseModelRelationKind = (typeof BASE_MODEL_RELATIONS)[number];

/** A model this one derives from; `relation` is null where the Hub names the base but not how it derives. */
export interface BaseModel {
  relation: BaseModelRelationKind | null;
  modelId: string;
}

/** What a model takes in or gives out, by its task (see modalities.ts). */
export const MODALITIES = ['text', 'image', 'audio', 'video', 'tabular', '3d', 'embedding', 'scores'] as const;
export type Modality = (typeof MODALITIES)[number];

/** hubcat's own model record: everything downstream of `normalize` speaks this, never the Hub's JSON. */
export interface Model {
  id: string;
  author: string | null;
  name: string;
  pipelineTag: string | null;
  libraryName: string | null;
  tags: string[];
  downloads: number;
  likes: number;
  trendingScore: number | null;
  /** ISO-8601 timestamps, as the Hub sends them. */
  createdAt: string | null;
  lastModified: string | null;
  gated: GatedMode | null;
  private: boolean;
  /** Total parameters: `safetensors.total`, else `gguf.total` when that was expanded. */
  parameterCount: number | null;
  /** The license id of its `license:<id>` tag (or of the card, when `cardData` was expanded). */
  license: string | null;
  /** Language codes of its tags (ISO 639-1 and `multilingual`), with the card's when `cardData` was expanded. */
  languages: string[];
  /** From its `base_model:…` tags (and the card's `base_model`, when `cardData` was expanded). */
  baseModels: BaseModel[];
  /** Follow from `pipelineTag`; empty when the task takes or gives nothing the table names. */
  inputModalities: Modality[];
  outputModalities: Modality[];
  /** Where the repo is stored, from its `region:<code>` tag (`us`, `eu`). */
  region: string | null;
  providers: ProviderMapping[];
  /** The Hub's internal `_id`: its listings break ties of a sort key by it, ascending. */
  hubId: string | null;
  /** The sorts (and, for partitioned crawls, the parts) whose results contained this model, in fetch order. */
  foundBy: string[];
  url: string;
}

/** Code-unit order of ids, not locale collation: the same on every server and in every test. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
