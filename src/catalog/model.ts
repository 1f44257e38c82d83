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
  parameterCount: number | null;
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
