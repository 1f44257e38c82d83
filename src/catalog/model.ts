/** A provider's mapping of a model, as hubcat keeps it. */
export interface ProviderMapping {
  provider: string;
  providerId: string | null;
  /** `live`, `staging` or `error` on the Hub today; kept as text so a new status is not a crash. */
  status: string;
  task: string | null;
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
