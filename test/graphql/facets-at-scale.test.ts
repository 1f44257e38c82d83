import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import type { ModelFilter, ModelOrder } from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';
import { expectedFacet, expectedIds, FACETS, servedOf, type FacetCountValue, type Raw } from './raw-expectations.ts';

// The 100,000-model crawl this needs takes half a minute, so it runs with the integration tests, not `test:unit`.

type Facets = Record<(typeof FACETS)[number], FacetCountValue[]>;

const PAGE_AND_FACETS = `query($filter: ModelFilter, $orderBy: ModelOrder, $first: Int, $after: String) {
  models(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id }
    facets { pipelineTags(first: 20) { value count } libraries(first: 20) { value count }
      authors(first: 20) { value count } tags(first: 20) { value count } providers(first: 20) { value count }
      gated { value count } quality { value count } }
  }
}`;

interface PageAndFacets {
  models: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string }[];
    facets: Facets;
  };
}

describe('filters, orders, pages and facets at 100,000 models (scale-100k), against the emulator records', () => {
  const emulator = useEmulator({ preset: 'scale-100k' }, 120_000);
  let app: App;
  let served: Raw[];
  beforeAll(async () => {
    app = appFor(emulator.url, { sorts: 'createdAt' });
    served = servedOf(emulator);
    await app.catalog.refresh();
  }, 300_000);
  afterAll(() => app.close());

  it("serves the models whose downloads exceed GraphQL's 32-bit Int, saturated, rather than failing the page", async () => {
    const top = [...served].sort((a, b) => b.downloads - a.downloads || (a.id < b.id ? -1 : 1)).slice(0, 3);
    expect(top[0]!.downloads).toBeGreaterThan(2 ** 31 - 1); // the dataset has such a model; else this proves nothing
    const { models } = await query<{ models: { nodes: { id: string; downloads: number }[] } }, never>(
      app,
      '{ models(first: 3, orderBy: { field: DOWNLOADS, direction: DESC }) { nodes { id downloads } } }',
    );
    expect(models.nodes).toEqual(top.map((raw) => ({ id: raw.id, downloads: Math.min(raw.downloads, 2 ** 31 - 1) })));
  });

  const cases: [string, (served: Raw[]) => ModelFilter, ModelOrder][] = [
    ['no filter', () => ({}), { field: 'DOWNLOADS', direction: 'DESC' }],
    [
      'a task and likes',
      () => ({ pipelineTags: ['text-classification'], minLikes: 20 }),
      { field: 'LIKES', direction: 'DESC' },
    ],
    [
      'libraries, not gated',
      () => ({ libraries: ['transformers', 'diffusers'], gated: false }),
      { field: 'CREATED_AT', direction: 'ASC' },
    ],
    [
      'a tag, the quality bar',
      () => ({ tags: ['region:us'], quality: true }),
      { field: 'TRENDING_SCORE', direction: 'DESC' },
    ],
    ['an owner', (s) => ({ authors: [s[500]!.id.split('/')[0]!] }), { field: 'LAST_MODIFIED', direction: 'DESC' }],
    [
      'providers and downloads',
      () => ({ providers: ['together', 'fal-ai'], minDownloads: 500 }),
      { field: 'ID', direction: 'ASC' },
    ],
    ['a search', () => ({ search: 'bert' }), { field: 'DOWNLOADS', direction: 'ASC' }],
  ];

  it.each(cases)('%s: totalCount, the first 100 ids in order, every facet', async (_name, makeFilter, orderBy) => {
    const filter = makeFilter(served);
    const want = expectedIds(served, filter, orderBy);
    expect(want.length, 'the case matches something').toBeGreaterThan(0);
    const { models } = await query<PageAndFacets, object>(app, PAGE_AND_FACETS, { filter, orderBy, first: 100 });
    expect(models.totalCount).toBe(want.length);
    expect(models.nodes.map((node) => node.id)).toEqual(want.slice(0, 100));
    for (const facet of FACETS) {
      const size = facet === 'gated' || facet === 'quality' ? 2 : 20;
      expect(models.facets[facet], facet).toEqual(expectedFacet(served, filter, facet, size));
    }
  });

  it('walking every page of a filter with a few thousand matches returns each exactly once, in order', async () => {
    const filter = { pipelineTags: ['fill-mask'], minLikes: 5 };
    const orderBy: ModelOrder = { field: 'CREATED_AT', direction: 'DESC' };
    const want = expectedIds(served, filter, orderBy);
    expect(want.length).toBeGreaterThan(1000);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { models }: PageAndFacets = await query<PageAndFacets, object>(app, PAGE_AND_FACETS, {
        filter,
        orderBy,
        first: 500,
        after,
      });
      seen.push(...models.nodes.map((node) => node.id));
      after = models.pageInfo.hasNextPage ? models.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(want);
  });
});
