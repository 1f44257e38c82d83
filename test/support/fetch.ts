import { fetchCatalog, type CatalogSnapshot, type FetchDependencies, type FetchPlan } from '../../src/catalog/index.ts';
import { HubClient, type HubClientOptions } from '../../src/hub/index.ts';

export const PROVIDER = 'hf-inference';

/** A fetch plan with test-friendly defaults; override what a test is about. */
export function plan(overrides: Partial<FetchPlan> = {}): FetchPlan {
  return {
    provider: PROVIDER,
    strategy: 'multi-sort',
    sorts: ['likes', 'downloads'],
    pageSize: 1000,
    concurrency: 4,
    ...overrides,
  };
}

/** Runs one fetch against `endpoint`; waits between retries are recorded, not slept (tests inject time only). */
export async function fetchFrom(
  endpoint: string,
  overrides: Partial<FetchPlan> = {},
  clientOptions: Partial<HubClientOptions> = {},
  dependencies: Partial<Omit<FetchDependencies, 'client'>> = {},
): Promise<CatalogSnapshot & { waits: number[] }> {
  const waits: number[] = [];
  const client = new HubClient({
    endpoint,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...clientOptions,
  });
  const snapshot = await fetchCatalog(plan(overrides), { client, ...dependencies });
  return { ...snapshot, waits };
}

export const sortedIds = (ids: Iterable<string>): string[] => [...ids].sort();
