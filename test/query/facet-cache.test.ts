import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import {
  FACET_NAMES,
  searchModels,
  type CatalogView,
  type ModelFilter,
  type QualityBar,
} from '../../src/query/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { generatedCatalog, randomFilter } from './generated-catalog.ts';
import { referenceFacet } from './reference.ts';

const BAR: QualityBar = { minDownloads: 300, minLikes: 10 };
const MODELS = generatedCatalog(3000, 5);
const VIEW: CatalogView = { snapshotId: 'facets-1', models: ModelTable.from(MODELS) };
const random = seededRandom(31);
const FILTERS: [number, ModelFilter][] = Array.from({ length: 30 }, (_, i) => [i, randomFilter(random)]);

describe('facets of a request the snapshot has answered before', () => {
  it.each(FILTERS)('case %i: asked again, each facet is the count over the rows', (_i, filter) => {
    for (let ask = 0; ask < 3; ask++) {
      // Asked again as is, then with the filter rebuilt, as each HTTP request parses it anew.
      const search = searchModels(VIEW, { filter: ask === 2 ? structuredClone(filter) : filter }, BAR);
      for (const facet of FACET_NAMES) {
        for (const first of [2, 40]) {
          expect(search.facet(facet, first), `${facet}, first ${first}`).toEqual(
            referenceFacet(MODELS, filter, BAR, facet, first),
          );
        }
      }
    }
  });

  it('the quality facet and filter asked under another bar count under that bar', () => {
    const strict: QualityBar = { minDownloads: 800, minLikes: 25 };
    for (const filter of [{}, { quality: true }, { quality: false, minLikes: 3 }] as ModelFilter[]) {
      for (const bar of [BAR, strict, BAR, strict]) {
        const search = searchModels(VIEW, { filter }, bar);
        for (const facet of ['quality', 'tags'] as const) {
          expect(search.facet(facet, 10), facet).toEqual(referenceFacet(MODELS, filter, bar, facet, 10));
        }
      }
    }
  });

  it('an answer cannot be changed by the caller that received it', () => {
    const filter: ModelFilter = { minLikes: 4 };
    const first = searchModels(VIEW, { filter }, BAR).facet('libraries', 5);
    expect(() => ((first[0] as { count: number }).count = -1)).toThrow(TypeError);
    expect(searchModels(VIEW, { filter }, BAR).facet('libraries', 5)).toEqual(
      referenceFacet(MODELS, filter, BAR, 'libraries', 5),
    );
  });

  it('a new snapshot counts its own models, though the request is the same', () => {
    const filter: ModelFilter = { minDownloads: 50 };
    searchModels(VIEW, { filter }, BAR).facet('tags', 20);
    const models = generatedCatalog(3000, 6);
    const next: CatalogView = { snapshotId: 'facets-2', models: ModelTable.from(models) };
    expect(searchModels(next, { filter }, BAR).facet('tags', 20)).toEqual(
      referenceFacet(models, filter, BAR, 'tags', 20),
    );
  });
});
