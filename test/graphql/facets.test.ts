import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import { FacetedModelsDocument, type ModelFilter, type ModelOrder } from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, execute, query } from '../support/graphql.ts';
import { expectedFacet, expectedIds, FACETS, type FacetCountValue, type Raw } from './raw-expectations.ts';

type Facets = Record<(typeof FACETS)[number], FacetCountValue[]>;

/** The live hf-inference models of an emulator: the catalog hubcat should serve. */
function servedOf(emulator: { models: readonly Raw[]; servedIds(provider: string): string[] }): Raw[] {
  const ids = new Set(emulator.servedIds('hf-inference'));
  return emulator.models.filter((raw) => ids.has(raw.id));
}

const FILTERS: [string, (served: Raw[]) => ModelFilter][] = [
  ['no filter', () => ({})],
  ['one task', () => ({ pipelineTags: ['feature-extraction'] })],
  ['two tasks and a minimum of likes', () => ({ pipelineTags: ['translation', 'fill-mask'], minLikes: 10 })],
  [
    'an owner in other case and a library',
    (served) => ({ authors: [served[0]!.id.split('/')[0]!.toUpperCase()], libraries: ['transformers'] }),
  ],
  ['two tags', (served) => ({ tags: [served[0]!.pipeline_tag!, 'region:us'] })],
  ['a provider besides hf-inference, gated', () => ({ providers: ['together', 'novita'], gated: false })],
  ['the quality bar and a search', () => ({ quality: true, search: 'bert' })],
  ['below the bar, with downloads', () => ({ quality: false, minDownloads: 1000 })],
];

describe('facets at 1,377 models, against counts from the emulator records', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  let app: App;
  let served: Raw[];
  beforeAll(() => {
    app = appFor(emulator.url);
    served = servedOf(emulator);
  });
  afterAll(() => app.close());

  it.each(FILTERS)('%s: every facet counts the other conditions, by count then value', async (_name, makeFilter) => {
    const filter = makeFilter(served);
    const { models } = await query(app, FacetedModelsDocument, { filter, first: 10, facetSize: 25 });
    const matching = expectedIds(served, filter, { field: 'DOWNLOADS', direction: 'DESC' }).length;
    expect(matching, 'the case matches something').toBeGreaterThan(0);
    expect(models.totalCount).toBe(matching);
    for (const facet of FACETS) {
      const size = facet === 'gated' || facet === 'quality' ? 2 : 25;
      expect((models.facets as Facets)[facet], facet).toEqual(expectedFacet(served, filter, facet, size));
    }
  });

  it('a selected value keeps its alternatives: the task facet ignores the task condition', async () => {
    const filter = { pipelineTags: ['translation'] };
    const { models } = await query(app, FacetedModelsDocument, { filter, first: 1, facetSize: 50 });
    expect(models.facets.pipelineTags.length).toBeGreaterThan(5);
    expect(models.facets.pipelineTags).toContainEqual({ value: 'translation', count: models.totalCount });
  });

  it.each([0, 501, -1])('refuses first = %i on a facet with BAD_USER_INPUT', async (first) => {
    const result = await execute(app, `{ models { facets { tags(first: ${first}) { value } } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/between 1 and 500/);
  });
});

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
