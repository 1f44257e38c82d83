import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import {
  FACET_NAMES,
  searchModels,
  type CatalogView,
  type ModelFilter,
  type ModelOrder,
} from '../../src/query/index.ts';
import { generatedCatalog, randomFilter, randomOrder, seededRandom } from './generated-catalog.ts';
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
