import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import {
  FACET_NAMES,
  searchModels,
  type CatalogView,
  type ModelFilter,
  type ModelOrder,
  type ModelPageRequest,
  type QualityBar,
} from '../../src/query/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { generatedCatalog, randomFilter, randomOrder } from './generated-catalog.ts';
import { referenceFacet, referenceMatches, referenceOrder } from './reference.ts';

const BAR: QualityBar = { minDownloads: 300, minLikes: 10 };
const MODELS = generatedCatalog(3000, 11);
const VIEW: CatalogView = { snapshotId: 'kept-1', models: ModelTable.from(MODELS) };
const random = seededRandom(23);
const CASES: [number, ModelFilter, ModelOrder, number][] = Array.from({ length: 40 }, (_, i) => [
  i,
  randomFilter(random),
  randomOrder(random),
  1 + Math.floor(random() * 120),
]);

/** The ids, cursors and connection fields of a page, as a client reads them. */
function answer(view: CatalogView, request: ModelPageRequest, bar: QualityBar = BAR) {
  const { edges, pageInfo, totalCount } = searchModels(view, request, bar).page;
  return {
    ids: edges.map((edge) => edge.node.id),
    cursors: edges.map((edge) => edge.cursor),
    pageInfo: {
      hasNextPage: pageInfo.hasNextPage,
      hasPreviousPage: pageInfo.hasPreviousPage,
      startCursor: pageInfo.startCursor,
      endCursor: pageInfo.endCursor,
    },
    totalCount,
  };
}

describe('a page the snapshot has answered before', () => {
  it.each(CASES)(
    'case %i: asked again, every page is the one a fresh evaluation gave',
    (_i, filter, orderBy, first) => {
      const expected = referenceOrder(referenceMatches(MODELS, filter, BAR), orderBy);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const fresh = answer(VIEW, { filter, orderBy, first, after });
        // The same request again, and once more with the filter rebuilt, as each HTTP request parses it anew.
        expect(answer(VIEW, { filter, orderBy, first, after })).toEqual(fresh);
        expect(answer(VIEW, { filter: structuredClone(filter), orderBy, first, after })).toEqual(fresh);
        expect(fresh.totalCount).toBe(expected.length);
        seen.push(...fresh.ids);
        if (!fresh.pageInfo.hasNextPage) break;
        after = fresh.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    },
  );

  it('facets and totals of a request whose page was kept still count its whole filter', () => {
    for (const [, filter, orderBy] of CASES.slice(0, 10)) {
      searchModels(VIEW, { filter, orderBy }, BAR).selectPage();
      const search = searchModels(VIEW, { filter, orderBy }, BAR);
      search.selectPage();
      expect(search.totalCount).toBe(referenceMatches(MODELS, filter, BAR).length);
      for (const facet of FACET_NAMES) {
        expect(search.facet(facet, 5), facet).toEqual(referenceFacet(MODELS, filter, BAR, facet, 5));
      }
    }
  });

  it('a quality filter asked under another bar is answered under that bar', () => {
    const filter: ModelFilter = { quality: true };
    const orderBy: ModelOrder = { field: 'LIKES', direction: 'ASC' };
    const strict: QualityBar = { minDownloads: 800, minLikes: 25 };
    for (const bar of [BAR, strict, BAR, strict]) {
      const expected = referenceOrder(referenceMatches(MODELS, filter, bar), orderBy);
      const { ids, totalCount } = answer(VIEW, { filter, orderBy, first: 20 }, bar);
      expect(totalCount).toBe(expected.length);
      expect(ids).toEqual(expected.slice(0, 20));
    }
  });

  it('a request named by a long list of values is answered afresh each time, the same', () => {
    const authors = [...Array.from({ length: 400 }, (_, i) => `nobody-${i}`), 'qwen', 'BAAI'];
    const filter: ModelFilter = { authors, minLikes: 5 };
    const orderBy: ModelOrder = { field: 'LIKES', direction: 'DESC' };
    const expected = referenceOrder(referenceMatches(MODELS, filter, BAR), orderBy);
    for (let i = 0; i < 2; i++) {
      const { ids, totalCount } = answer(VIEW, { filter, orderBy, first: 30 });
      expect(totalCount).toBe(expected.length);
      expect(ids).toEqual(expected.slice(0, 30));
    }
  });

  it('a new snapshot answers from its own models, though the request is the same', () => {
    const filter: ModelFilter = { minLikes: 12, pipelineTags: ['text-generation'] };
    const orderBy: ModelOrder = { field: 'DOWNLOADS', direction: 'DESC' };
    const before = answer(VIEW, { filter, orderBy, first: 10 });
    const models = generatedCatalog(3000, 12);
    const next: CatalogView = { snapshotId: 'kept-2', models: ModelTable.from(models) };
    const after = answer(next, { filter, orderBy, first: 10 });
    const expected = referenceOrder(referenceMatches(models, filter, BAR), orderBy);
    expect(after.ids).toEqual(expected.slice(0, 10));
    expect(after.totalCount).toBe(expected.length);
    expect(after.ids).not.toEqual(before.ids);
    expect(after.cursors[0]).not.toEqual(before.cursors[0]);
  });
});
