import { cursorEncoder } from '../../src/query/cursor.ts';
import {
  FACET_NAMES,
  searchModels,
  type CatalogView,
  type ModelPageRequest,
  type QualityBar,
} from '../../src/query/index.ts';
import { percentiles, type Percentiles } from './measure.ts';
import { freshMaterial, freshQueries, queryMix, type BenchQuery, type FreshMaterial } from './query-mix.ts';

export const QUALITY_BAR: QualityBar = { minDownloads: 100, minLikes: 5 };
export const PAGE = 50;
/** Distinct filter/order combinations rotated through, in the engine and over HTTP. */
export const MIX_SIZE = 100;
/** How deep the `after` page starts: at this share of the order. */
const DEEP = 0.9;

/** What the catalog child measures before it serves: load, preparation, memory, and the engine's latencies. */
export interface EngineFigures {
  models: number;
  source: string;
  loadMs: number;
  prepareMs: number;
  /** Growth of the JS heap and of typed-array memory from before loading to after preparing, each after GC. */
  heapBytes: number;
  arrayBufferBytes: number;
  /** The same after the measured queries, with the per-snapshot caches they filled. */
  heapBytesAfterQueries: number;
  arrayBufferBytesAfterQueries: number;
  page: Percentiles;
  facets: Percentiles;
  deep: Percentiles;
  /** The page, and the page with every facet, of the mix's shapes with thresholds and search terms drawn fresh. */
  distinct: Percentiles;
  distinctFacets: Percentiles;
  /** The page of the router's shapes alone (a license, languages, a parameter range), as in the mix and fresh. */
  router: Percentiles;
  routerDistinct: Percentiles;
  /** The mix and, per entry, a cursor at 90% of its order, for the HTTP measurements of the same server. */
  mix: BenchQuery[];
  deepCursors: string[];
  /** What the load generator draws its fresh thresholds and search terms from. */
  material: FreshMaterial;
}

/** Seeds of the fresh queries: the engine's and the HTTP runs' draw different ones. */
export const ENGINE_SEED = 1;
export const HTTP_SEED = 2;

/**
 * Wall time of one 50-model page with its totalCount, of the same with every facet, of a page after a cursor at 90%
 * of the order, and of the page and the page with facets with fresh thresholds (every request distinct), over
 * `rounds` passes of the mix after one unmeasured pass (which builds what is built on first use: the bitsets of
 * conditions, the quality bar's rows).
 */
export function measureEngine(
  view: CatalogView,
  rounds: number,
): Pick<
  EngineFigures,
  | 'page'
  | 'facets'
  | 'deep'
  | 'distinct'
  | 'distinctFacets'
  | 'router'
  | 'routerDistinct'
  | 'mix'
  | 'deepCursors'
  | 'material'
> {
  const mix = queryMix(view, QUALITY_BAR, MIX_SIZE);
  const deepCursors = mix.map(({ orderBy }) =>
    cursorEncoder(view.snapshotId, `${orderBy.field}:${orderBy.direction}`)(Math.floor(view.models.size * DEEP)),
  );
  const page = (request: ModelPageRequest) => searchModels(view, request, QUALITY_BAR).page;
  const withFacets = (request: ModelPageRequest) => {
    const search = searchModels(view, request, QUALITY_BAR);
    return [search.page, ...FACET_NAMES.map((facet) => search.facet(facet))];
  };
  const material = freshMaterial(view);
  const routerMix = mix.filter((entry) => entry.filter.licenses != null);
  const time = (
    run: (request: ModelPageRequest) => unknown,
    after?: readonly string[],
    fresh = false,
    entries: readonly BenchQuery[] = mix,
  ) => {
    const draw = freshQueries(entries, material, ENGINE_SEED);
    const samples: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      entries.forEach((entry, i) => {
        const query = fresh ? draw() : entry;
        const started = performance.now();
        run({ ...query, first: PAGE, after: after?.[i] ?? null });
        if (round > 0) samples.push(performance.now() - started);
      });
    }
    return percentiles(samples);
  };
  return {
    page: time(page),
    facets: time(withFacets),
    deep: time(page, deepCursors),
    distinct: time(page, undefined, true),
    distinctFacets: time(withFacets, undefined, true),
    router: time(page, undefined, false, routerMix),
    routerDistinct: time(page, undefined, true, routerMix),
    mix,
    deepCursors,
    material,
  };
}
