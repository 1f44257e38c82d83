import type { ChaoEstimate, ChapmanEstimate } from './estimates.ts';
import type { FetchStrategy } from './fetch-plan.ts';

/** What one capture (a sort crawl, or a partition query in later strategies) saw. */
export interface CaptureReport {
  /** The sort key for sort crawls. */
  sort: string;
  pages: number;
  /** HTTP requests, retries included. */
  requests: number;
  /** Items the Hub returned, before the live-mapping filter. */
  returned: number;
  /** Returned items whose mapping for the provider was not live (dropped). */
  notLive: number;
  /** Kept models not found by any capture earlier in the report's stated order. */
  new: number;
  duplicates: number;
  /** Unique models after this capture, in the report's stated order. */
  cumulativeUnique: number;
  /** The cursor ran out: this capture saw the whole listing. */
  exhausted: boolean;
  /** The first page came back full with no next link: the upstream hides whatever lies past it. */
  capped: boolean;
  durationMs: number;
  error: string | null;
  /** 1-based number of the page the error happened on. */
  errorPage: number | null;
}

export type SortReport = CaptureReport;

/** One query of a partitioned crawl. */
export interface PartReport extends Omit<CaptureReport, 'sort'> {
  /** Human label of its filters, e.g. `search="e/b" gated=false`. */
  label: string;
  gated: boolean | null;
  author: string | null;
  search: string | null;
  depth: number;
  /** How its parent was split to make it. */
  splitBy: string;
  /** It came back full and was split further. */
  refined: boolean;
}

export interface Completeness {
  proven: boolean;
  /** `cursor`: a crawl ran out its cursor; `covering-partition`: every leaf of a covering family came back short. */
  method: 'cursor' | 'covering-partition' | 'none';
  explanation: string;
  /** What a covering-partition proof assumes about the Hub. */
  premises: string[];
  /** Leaf queries of the covering family that answered below the cap. */
  coveringParts: number;
  /** What could still hide unseen models; empty when proven. */
  uncoveredRisk: string[];
}

export interface Estimates {
  /** Chapman's two-capture estimate for each pair of sorts that succeeded. */
  chapman: ChapmanEstimate[];
  /** Chao's lower bound over the sort captures. */
  chao: ChaoEstimate | null;
  caveat: string;
}

/** What a client without cursors would see: the top `cap` of each sort key, computed from a complete catalog. */
export interface CappedView {
  cap: number;
  sorts: { sort: string; size: number; cumulativeUnique: number }[];
  overlaps: SortOverlap[];
}

export interface Coverage {
  /** Unique models ÷ total (exact or estimated); null when the total cannot be estimated. */
  ratio: number | null;
  total: number | null;
  /**
   * `exact` when completeness is proven; otherwise the estimate used, whose lower bound makes `ratio` an upper bound.
   */
  basis: string;
}

export interface SortOverlap {
  a: string;
  b: string;
  shared: number;
  onlyA: number;
  onlyB: number;
  jaccard: number;
}

/** How many mappings (or models) one value has: a task, a status. */
export interface ValueCount {
  value: string;
  count: number;
}

/**
 * One provider's part of the catalog: its mappings by status among the catalog's models, the tasks it serves live,
 * whether its live set is proven complete, and the requests spent on it.
 */
export interface ProviderReport {
  provider: string;
  /** Catalog models with a live mapping of this provider: its served set. */
  live: number;
  /**
   * Staging and error mappings of this provider on the catalog's models. The listing shows a model only when a
   * provider it names serves it live, so these are lower bounds of the provider's staging and error mappings.
   */
  staging: number;
  error: number;
  /** Mappings whose status is none of live, staging and error: one the Hub added later. */
  otherStatus: number;
  /** Tasks of its live mappings, most first, then by name. */
  tasks: ValueCount[];
  /** True only with a proof that every model live with this provider was seen. */
  complete: boolean;
  completeness: Completeness;
  estimates: Estimates | null;
  coverage: Coverage;
  /** Requests whose listing named this provider alone (all of them for a one-provider catalog). */
  requests: number;
  /** Requests of the listing shared by several providers, which served this provider's set too. */
  sharedRequests: number;
}

/** What reading the router's listing (`GET /v1/models`) gave, or why it gave nothing. */
export interface RouterReport {
  endpoint: string;
  /** False when the listing could not be read: figures then come from the Hub listing's `providerDetails` only. */
  ok: boolean;
  /** hubcat's short reason, no URL or upstream text; null when it was read. */
  error: string | null;
  requests: number;
  pages: number;
  /** Entries (chat models) it listed. */
  models: number;
  /** Catalog mappings whose figures come from the router. */
  joinedMappings: number;
  /** Catalog mappings whose figures come from the listing's `providerDetails` alone. */
  listingMappings: number;
  durationMs: number;
}

export interface FetchReport {
  id: string;
  strategy: FetchStrategy;
  provider: string;
  /** Base URL of the upstream that was crawled. */
  upstream: string;
  pageSize: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  requestCount: number;
  /** Times the fetch paused for the Hub's rate-limit window to reset, and the waiting that cost. */
  rateLimit: { pauses: number; waitedMs: number };
  uniqueModels: number;
  /**
   * Items a query returns at most when the upstream gives no cursor (the page size, or lower if it caps lower); null
   * when it paginates.
   */
  upstreamCap: number | null;
  /** True only when a capture provably saw the whole listing; `uniqueModels` is then the exact total. */
  complete: boolean;
  /** How `new`, `duplicates` and `cumulativeUnique` are ordered. */
  statedOrder: string;
  sorts: SortReport[];
  overlaps: SortOverlap[];
  /** One line per failed capture; empty when everything succeeded. */
  errors: string[];
  parts: PartReport[];
  completeness: Completeness;
  /** Present when completeness is not proven. */
  estimates: Estimates | null;
  /** Present when the catalog is complete. */
  cappedView: CappedView | null;
  coverage: Coverage;
  /**
   * One entry per configured provider (with `all`: per provider the catalog's models name, most live models first).
   */
  providers: ProviderReport[];
  /** Null when the router's listing is off. */
  router: RouterReport | null;
}
