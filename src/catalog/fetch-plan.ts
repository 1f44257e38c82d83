import type { HubSortKey } from '../hub/index.ts';
import type { CatalogExpansion } from './normalize.ts';
import type { ProviderSelection } from './provider-selection.ts';

/**
 * - `multi-sort`: the configured sorts, each crawled to the end of its cursor, merged by id.
 * - `partition`: the configured sorts, then, if the listing is capped, a covering partition.
 * - `auto`: the configured sorts; if the upstream turns out capped, every other sort key as well, then the partition.
 */
export const FETCH_STRATEGIES = ['auto', 'multi-sort', 'partition'] as const;
export type FetchStrategy = (typeof FETCH_STRATEGIES)[number];

/** What to fetch and how: the part of the configuration that decides which catalog comes out. */
export interface FetchPlan {
  /** Names the catalog in its report and store key: the one provider, the comma list of several, or `all`. */
  provider: string;
  /** The providers whose live models form the catalog; default `[provider]`. */
  providers?: ProviderSelection;
  strategy: FetchStrategy;
  sorts: readonly HubSortKey[];
  pageSize: number;
  /** Hub requests in flight at once, across all captures. */
  concurrency: number;
  maxRequests?: number;
  /** Expansions beyond the catalog's own fields; default `DEFAULT_EXPANSIONS`. */
  expand?: readonly CatalogExpansion[];
}

/** The plan's providers: as given, or the one it names. */
export function planProviders(plan: FetchPlan): ProviderSelection {
  return plan.providers ?? [plan.provider];
}
