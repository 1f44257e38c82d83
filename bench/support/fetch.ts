import { fetchCatalog, type CatalogSnapshot, type FetchPlan } from '../../src/catalog/index.ts';
import { HubClient } from '../../src/hub/index.ts';

export const PROVIDER = 'hf-inference';
export const PAGE_SIZE = 1000;

/** The plan every benchmark starts from: the likes + downloads at the Hub's largest page. */
export function benchPlan(overrides: Partial<FetchPlan> = {}): FetchPlan {
  return {
    provider: PROVIDER,
    strategy: 'multi-sort',
    sorts: ['likes', 'downloads'],
    pageSize: PAGE_SIZE,
    concurrency: 4,
    ...overrides,
  };
}

/** One fetch with the production client (real retry waits: a benchmark should pay what a user pays). */
export function fetchFrom(endpoint: string, overrides: Partial<FetchPlan> = {}): Promise<CatalogSnapshot> {
  return fetchCatalog(benchPlan(overrides), { client: new HubClient({ endpoint }) });
}
