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

export interface SortOverlap {
  a: string;
  b: string;
  shared: number;
  onlyA: number;
  onlyB: number;
  jaccard: number;
}

export interface FetchReport {
  id: string;
  strategy: string;
  provider: string;
  /** Base URL of the upstream that was crawled. */
  upstream: string;
  pageSize: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  requestCount: number;
  uniqueModels: number;
  /** True only when a capture provably saw the whole listing; `uniqueModels` is then the exact total. */
  complete: boolean;
  /** How `new`, `duplicates` and `cumulativeUnique` are ordered. */
  statedOrder: string;
  sorts: SortReport[];
  overlaps: SortOverlap[];
  /** One line per failed capture; empty when everything succeeded. */
  errors: string[];
}
