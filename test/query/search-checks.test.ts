import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import { searchModels, type CatalogView, type ModelFilter, type ModelOrder } from '../../src/query/index.ts';
import { catalogAtScale } from './generated-catalog.ts';
import { referenceFacet, referenceMatches, referenceOrder } from './reference.ts';

const BAR = { minDownloads: 300, minLikes: 10 };
// Hub ids are ASCII: without the catalog's few other ids, a needle's common trigrams give candidates to check.
const MODELS = catalogAtScale(30_000, 5).filter((model) => /^[\x20-\x7e]*$/.test(model.id));
const ORDER: ModelOrder = { field: 'DOWNLOADS', direction: 'DESC' };

describe('a search whose ids need checking, beside a narrower condition', () => {
  // Each holds a common substring (`/model-`, `-model`) and only common trigrams, but for `z/model-` and `1/model-1`
  // (whose `z/m`, `1/m` are rare); `n/model-1` is in a fifth of the ids holding its trigrams, the others in most.
  const needles = ['/model-1', 'n/model-1', 'O-Model-', '-model-1', 'z/model-', '1/model-1'];
  // Narrower than most needles' candidates, all but the last: a few models, or most of them.
  const narrow: ModelFilter[] = [
    { minDownloads: 1_200_000 },
    { authors: ['org5x'] },
    { minLikes: 600, gated: false },
    { authors: ['org5x', 'org1'], libraries: ['nemo'] },
    { minDownloads: 10 },
  ];
  const cases = needles.flatMap((search) =>
    narrow.map((filter, i): [number, ModelFilter] => [i, { ...filter, search }]),
  );
  // A snapshot per narrow condition, so each needle is new to the snapshot its first request is asked of; a needle
  // asked again is checked in full, which each case's second request exercises.
  const views = narrow.map((_, i): CatalogView => ({
    snapshotId: `search-checks-${i}`,
    models: ModelTable.from(MODELS),
  }));

  it('the cases are not vacuous: some match nothing, some several pages', () => {
    const sizes = cases.map(([, filter]) => referenceMatches(MODELS, filter, BAR).length);
    expect(sizes.filter((size) => size === 0).length).toBeGreaterThan(2);
    expect(sizes.filter((size) => size > 20).length).toBeGreaterThan(2);
  });

  it.each(cases)('snapshot %i, %o: its page, total and facets are those of a scan', (i, filter) => {
    const expected = referenceOrder(referenceMatches(MODELS, filter, BAR), ORDER);
    const view = views[i]!;
    const search = searchModels(view, { filter, orderBy: ORDER, first: 20 }, BAR);
    expect(search.totalCount).toBe(expected.length);
    expect(search.nodes.map((model) => model.id)).toEqual(expected.slice(0, 20));
    expect(searchModels(view, { filter }, BAR).totalCount).toBe(expected.length);
    for (const facet of ['authors', 'pipelineTags', 'tags', 'gated'] as const) {
      expect(search.facet(facet, 10), facet).toEqual(referenceFacet(MODELS, filter, BAR, facet, 10));
    }
  });
});
