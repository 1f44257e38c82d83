import type { DictionaryColumn, ModelTable } from '../catalog/index.ts';
import type { FacetName, ModelFilter, ModelOrderField } from './model-query.ts';

/** A column of dictionary codes: one per row (-1 for none), or a run of them per row. */
export type CodeColumn =
  | { readonly kind: 'single'; readonly codes: Int32Array }
  | { readonly kind: 'runs'; readonly start: Uint32Array; readonly codes: Int32Array };

const single = (codes: Int32Array): CodeColumn => ({ kind: 'single', codes });
const runs = (start: Uint32Array, codes: Int32Array): CodeColumn => ({ kind: 'runs', start, codes });

/** A filter that lists values of a dictionary column. */
export interface ValueFilter {
  readonly dictionary: DictionaryColumn;
  readonly column: (table: ModelTable) => CodeColumn;
  /** `any`: the model has one of the listed values; `every`: it has all of them. */
  readonly match: 'any' | 'every';
  /** The facet that counts the column's values, leaving this filter out; none when no sidebar shows it. */
  readonly facet: FacetName | null;
}

/**
 * The filters on dictionary columns that need nothing of their own: a new one is a line here (and its field in
 * `ModelFilter`); its condition, posting lists, bitsets and facet follow from it. Owners (compared without case),
 * providers (narrowed by status) and `gated` are written out in model-filter.ts.
 */
export const VALUE_FILTERS = {
  pipelineTags: {
    dictionary: 'pipelineTag',
    column: (table) => single(table.pipelineTag),
    match: 'any',
    facet: 'pipelineTags',
  },
  libraries: {
    dictionary: 'libraryName',
    column: (table) => single(table.libraryName),
    match: 'any',
    facet: 'libraries',
  },
  tags: { dictionary: 'tag', column: (table) => runs(table.tagStart, table.tagCodes), match: 'every', facet: 'tags' },
} as const satisfies { [Field in keyof ModelFilter]?: ValueFilter };

/** A filter that bounds a numeric column. */
export interface RangeFilter {
  readonly column: (table: ModelTable) => Float64Array;
  /** The filter's value is the least (`min`) or the greatest (`max`) admitted, inclusive; no bound admits `null`. */
  readonly bound: 'min' | 'max';
  /** Counts cannot be negative, so a negative bound is refused rather than admitting every row. */
  readonly nonNegative: boolean;
}

/** The filters on numeric columns: a new one is a line here (and its field in `ModelFilter`). */
export const RANGE_FILTERS = {
  minDownloads: { column: (table) => table.downloads, bound: 'min', nonNegative: true },
  minLikes: { column: (table) => table.likes, bound: 'min', nonNegative: true },
} as const satisfies { [Field in keyof ModelFilter]?: RangeFilter };

/** The column each numeric order sorts by. */
export const ORDER_COLUMNS = {
  DOWNLOADS: (table) => table.downloads,
  LIKES: (table) => table.likes,
  TRENDING_SCORE: (table) => table.trendingScore,
  CREATED_AT: (table) => table.createdAt,
  LAST_MODIFIED: (table) => table.lastModified,
} as const satisfies Record<Exclude<ModelOrderField, 'ID'>, (table: ModelTable) => Float64Array>;

export type NumericOrderField = keyof typeof ORDER_COLUMNS;
export const NUMERIC_ORDER_FIELDS = Object.keys(ORDER_COLUMNS) as NumericOrderField[];
