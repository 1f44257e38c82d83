import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import {
  FACET_NAMES,
  searchModels,
  type CatalogView,
  type ModelFilter,
  type ModelOrder,
  type ModelPage,
} from '../../src/query/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { generatedCatalog, randomFilter, randomOrder } from './generated-catalog.ts';
import { referenceFacet, referenceMatches, referenceOrder } from './reference.ts';

const BAR = { minDownloads: 300, minLikes: 10 };
// Large enough that selective filters take the listed path, unselective ones the bitset path, and facets over most of
// the catalog the path that bounds counts by totals (a sixteenth, a quarter of the rows).
const MODELS = generatedCatalog(3000, 42);
const VIEW: CatalogView = { snapshotId: 'generated-1', models: ModelTable.from(MODELS) };
const random = seededRandom(7);
const CASES: [number, ModelFilter, ModelOrder, number][] = Array.from({ length: 150 }, (_, i) => [
  i,
  randomFilter(random),
  randomOrder(random),
  1 + Math.floor(random() * 120),
]);

describe('the indexed engine against a scan of plain models, on a generated catalog of 3,000', () => {
  it('the cases are not vacuous: some match nothing, some a few, some most of the catalog', () => {
    const sizes = CASES.map(([, filter]) => referenceMatches(MODELS, filter, BAR).length);
    expect(sizes.filter((size) => size === 0).length).toBeGreaterThan(3);
    expect(sizes.filter((size) => size > 0 && size < 3000 / 16).length).toBeGreaterThan(20);
    expect(sizes.filter((size) => size > 3000 / 4).length).toBeGreaterThan(20);
  });

  it.each(CASES)('case %i: every page, in order, with exact totals', (_i, filter, orderBy, first) => {
    const expected = referenceOrder(referenceMatches(MODELS, filter, BAR), orderBy);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const search = searchModels(VIEW, { filter, orderBy, first, after }, BAR);
      const page = search.page;
      expect(page.totalCount).toBe(expected.length);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null && seen.length > 0);
      seen.push(...page.nodes.map((model) => model.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(searchModels(VIEW, { filter, orderBy }, BAR).totalCount).toBe(expected.length);
  });

  it.each(CASES)('case %i: every facet equals the counts over the filter without its own condition', (_i, filter) => {
    const search = searchModels(VIEW, { filter }, BAR);
    for (const facet of FACET_NAMES) {
      for (const first of [1, 3, 500]) {
        expect(search.facet(facet, first), `${facet}, first ${first}`).toEqual(
          referenceFacet(MODELS, filter, BAR, facet, first),
        );
      }
    }
  });

  it('a page resumed deep in the order matches the reference from that point, and knows there were earlier ones', () => {
    for (const [, filter, orderBy] of CASES.slice(0, 40)) {
      const expected = referenceOrder(referenceMatches(MODELS, filter, BAR), orderBy);
      if (expected.length < 3) continue;
      const middle = Math.min(500, Math.floor(expected.length / 2));
      const head = searchModels(VIEW, { filter, orderBy, first: middle }, BAR).page;
      const tail = searchModels(VIEW, { filter, orderBy, first: 5, after: head.pageInfo.endCursor }, BAR).page;
      expect(tail.nodes.map((model) => model.id)).toEqual(expected.slice(middle, middle + 5));
      expect(tail.pageInfo.hasPreviousPage).toBe(true);
    }
  });

  it('a cursor from a filter that matched nothing before it reports no previous page under another filter', () => {
    const ids = referenceOrder(MODELS, { field: 'ID', direction: 'ASC' });
    const first = searchModels(VIEW, { orderBy: { field: 'ID', direction: 'ASC' }, first: 1 }, BAR).page;
    expect(first.nodes[0]!.id).toBe(ids[0]);
    const filter: ModelFilter = { search: ids[1]! };
    const page = searchModels(
      VIEW,
      { filter, orderBy: { field: 'ID', direction: 'ASC' }, after: first.pageInfo.endCursor },
      BAR,
    ).page;
    expect(page.nodes.map((model) => model.id)).toEqual(referenceMatches(MODELS, filter, BAR).map((model) => model.id));
    expect(page.pageInfo.hasPreviousPage).toBe(false);
  });
});

/**
 * A catalog of several providers whose mappings are live, staging, error or a status the Hub might add later, and
 * filters that name providers, statuses or both, beside random other conditions.
 */
const STATUS_RANDOM = seededRandom(11);
/** A provider too rare for its condition to keep a bitset: its rows are tested one mapping at a time. */
const RARE = 'cerebras';
const PROVIDER_MODELS = generatedCatalog(3000, 43).map((model, i) => ({
  ...model,
  providers: [
    ...model.providers.map((mapping) => (STATUS_RANDOM() < 0.05 ? { ...mapping, status: 'paused' } : mapping)),
    ...(i % 300 === 7
      ? [
          {
            provider: RARE,
            providerId: null,
            status: ['live', 'staging', 'error'][Math.floor(i / 300) % 3]!,
            task: null,
          },
        ]
      : []),
  ],
}));
const PROVIDER_VIEW: CatalogView = { snapshotId: 'generated-providers', models: ModelTable.from(PROVIDER_MODELS) };
const PROVIDER_NAMES = ['hf-inference', 'together', 'fal-ai', 'groq', 'nobody'];
const STATUSES = ['live', 'staging', 'error'] as const;
const providerCases: [number, ModelFilter][] = Array.from({ length: 80 }, (_, i) => {
  const pick = <T>(list: readonly T[]) =>
    list.filter(() => STATUS_RANDOM() < 0.4).slice(0, 1 + Math.floor(STATUS_RANDOM() * list.length));
  const filter: ModelFilter = { ...randomFilter(STATUS_RANDOM), providers: null, providerStatus: null };
  const shape = i % 4;
  if (shape !== 1) filter.providers = pick(PROVIDER_NAMES);
  if (shape !== 0) filter.providerStatus = [...pick(STATUSES)];
  return [i, filter];
});

describe('the providers filter and providerStatus, against the reference, on a catalog of several providers', () => {
  it('the cases match nothing, a few and many models, and every status narrows something', () => {
    const sizes = providerCases.map(([, filter]) => referenceMatches(PROVIDER_MODELS, filter, BAR).length);
    expect(sizes.filter((size) => size === 0).length).toBeGreaterThan(2);
    expect(sizes.filter((size) => size > 3000 / 4).length).toBeGreaterThan(5);
    for (const status of STATUSES) {
      const narrowed = { providers: ['together'], providerStatus: [status] };
      const count = searchModels(PROVIDER_VIEW, { filter: narrowed }, BAR).totalCount;
      expect(count, status).toBe(referenceMatches(PROVIDER_MODELS, narrowed, BAR).length);
      expect(count, status).toBeGreaterThan(0);
    }
  });

  it.each(providerCases)('case %i: every page and the total', (_i, filter) => {
    const orderBy: ModelOrder = { field: 'LIKES', direction: 'DESC' };
    const expected = referenceOrder(referenceMatches(PROVIDER_MODELS, filter, BAR), orderBy);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ModelPage = searchModels(PROVIDER_VIEW, { filter, orderBy, first: 97, after }, BAR).page;
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.nodes.map((model) => model.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it.each(providerCases)(
    'case %i: the providers facet counts the statuses asked, and every facet is exact',
    (_i, f) => {
      const search = searchModels(PROVIDER_VIEW, { filter: f }, BAR);
      for (const facet of FACET_NAMES) {
        expect(search.facet(facet, 500), facet).toEqual(referenceFacet(PROVIDER_MODELS, f, BAR, facet, 500));
      }
    },
  );

  it('a rare provider, tested model by model beside a narrower search, meets the same answers', () => {
    const rare = PROVIDER_MODELS.filter((model) => model.providers.some((mapping) => mapping.provider === RARE));
    expect(rare.length).toBeLessThan(PROVIDER_MODELS.length / 256);
    for (const model of PROVIDER_MODELS.slice(0, 40).concat(rare)) {
      for (const providerStatus of [null, ['live'], ['staging', 'error'], ['error']] as const) {
        const filter: ModelFilter = {
          search: model.id,
          providers: [RARE],
          providerStatus: providerStatus && [...providerStatus],
        };
        const expected = referenceMatches(PROVIDER_MODELS, filter, BAR)
          .map((match) => match.id)
          .sort();
        const page = searchModels(PROVIDER_VIEW, { filter, first: 500 }, BAR).page;
        expect(page.nodes.map((match) => match.id).sort(), `${model.id} ${String(providerStatus)}`).toEqual(expected);
      }
    }
  });

  it('a status the Hub added later matches no status filter and counts in no facet', () => {
    const paused = PROVIDER_MODELS.filter((model) => model.providers.some((mapping) => mapping.status === 'paused'));
    expect(paused.length).toBeGreaterThan(50);
    const everyStatus = { providerStatus: [...STATUSES] };
    const matched = new Set(referenceMatches(PROVIDER_MODELS, everyStatus, BAR).map((model) => model.id));
    const onlyPaused = paused.filter((model) => model.providers.every((mapping) => mapping.status === 'paused'));
    for (const model of onlyPaused) expect(matched.has(model.id)).toBe(false);
    expect(searchModels(PROVIDER_VIEW, { filter: everyStatus }, BAR).totalCount).toBe(matched.size);
  });

  it('refuses a status it does not know with BAD_USER_INPUT naming the argument', () => {
    expect(() => searchModels(PROVIDER_VIEW, { filter: { providerStatus: ['paused' as 'live'] } }, BAR)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'filter.providerStatus' }),
    );
  });
});
