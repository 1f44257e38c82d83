import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import {
  FACET_NAMES,
  searchModels,
  type CatalogView,
  type ModelFilter,
  type ModelOrder,
} from '../../src/query/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { catalogAtScale, randomFilterAtScale, randomOrder } from './generated-catalog.ts';
import { referenceFacets, referenceMatches, referenceOrder } from './reference.ts';

const BAR = { minDownloads: 300, minLikes: 10 };
/**
 * 100,000 rows: every path the engine takes at a million is taken here (bitsets past a 64th of the rows, boundary
 * bitsets a 128th apart, common substrings past a 64th), with thresholds drawn anywhere in the counts' range, so no
 * two requests share a threshold.
 */
const SIZE = 100_000;
const MODELS = catalogAtScale(SIZE, 19);
const VIEW: CatalogView = { snapshotId: 'at-scale', models: ModelTable.from(MODELS) };
const random = seededRandom(23);
const CASES: [number, ModelFilter, ModelOrder, number][] = Array.from({ length: 40 }, (_, i) => [
  i,
  randomFilterAtScale(random, MODELS),
  randomOrder(random),
  1 + Math.floor(random() * 100),
]);

describe('the indexed engine against a scan of plain models, at 100,000 rows with randomized thresholds', () => {
  it('the cases are not vacuous: some match nothing or a few, some most of the catalog, and search varies', () => {
    const sizes = CASES.map(([, filter]) => referenceMatches(MODELS, filter, BAR).length);
    expect(sizes.filter((size) => size < SIZE / 64).length).toBeGreaterThan(5);
    expect(sizes.filter((size) => size > SIZE / 4).length).toBeGreaterThan(5);
    expect(CASES.filter(([, filter]) => filter.search).length).toBeGreaterThan(5);
    const routerFields = ['licenses', 'languages', 'minParameters', 'maxParameters', 'baseModel', 'inputModalities'];
    for (const field of routerFields) {
      expect(CASES.filter(([, filter]) => filter[field as keyof ModelFilter] != null).length, field).toBeGreaterThan(0);
    }
  });

  it.each(CASES)('case %i: the total, the first page and one resumed from the middle', (_i, filter, orderBy, first) => {
    const expected = referenceOrder(referenceMatches(MODELS, filter, BAR), orderBy);
    const head = searchModels(VIEW, { filter, orderBy, first }, BAR).page;
    expect(head.totalCount).toBe(expected.length);
    expect(head.nodes.map((model) => model.id)).toEqual(expected.slice(0, first));
    expect(head.pageInfo.hasNextPage).toBe(expected.length > first);
    if (expected.length <= first) return;
    // A cursor names a position in the order, whatever the filter: this one is the middle match's, found by its id.
    const middle = Math.floor(expected.length / 2);
    const target = expected[middle]!;
    const located = searchModels(VIEW, { filter: { search: target }, orderBy, first: 500 }, BAR).page;
    const cursor = located.edges.find((edge) => edge.node.id === target)!.cursor;
    const tail = searchModels(VIEW, { filter, orderBy, first, after: cursor }, BAR).page;
    expect(tail.nodes.map((model) => model.id)).toEqual(expected.slice(middle + 1, middle + 1 + first));
    expect(tail.pageInfo.hasPreviousPage).toBe(true);
  });

  it.each(CASES.slice(0, 12))(
    'case %i: every facet equals the counts over the filter without its own',
    (_i, filter) => {
      const expected = referenceFacets(MODELS, filter, BAR, FACET_NAMES, 50);
      const search = searchModels(VIEW, { filter }, BAR);
      for (const facet of FACET_NAMES) expect(search.facet(facet, 50), facet).toEqual(expected[facet]);
    },
  );

  it('a search for any substring of any id finds exactly the ids holding it, whatever its length or case', () => {
    const ids = MODELS.map((model) => model.id.toLowerCase());
    // Common substrings, single characters, ids outside ASCII (one lower-cases to `link` through the Kelvin sign).
    const needles = ['model-', '/', 'o', 'qwen/', 'ÜNÏ', 'ünïcode', 'LINK', 'link-', 'k', 'e\u0301', '\u212a'];
    for (let i = 0; i < 60; i++) {
      const id = MODELS[Math.floor(random() * SIZE)]!.id;
      const length = 1 + (i % 9);
      const start = Math.floor(random() * Math.max(1, id.length - length));
      const needle = id.slice(start, start + length);
      needles.push(i % 5 === 0 ? needle.toUpperCase() : needle);
    }
    for (const needle of needles) {
      const expected = ids.filter((lower) => lower.includes(needle.toLowerCase())).length;
      expect(searchModels(VIEW, { filter: { search: needle } }, BAR).totalCount, needle).toBe(expected);
    }
    expect(searchModels(VIEW, { filter: { search: 'LINK' } }, BAR).totalCount).toBeGreaterThan(0);
  });
});
