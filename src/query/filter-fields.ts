import { MODALITIES, type DictionaryColumn, type ModelTable } from '../catalog/index.ts';
import type { FacetName, ModelFilter, ModelOrderField } from './model-query.ts';
import { modalityRuns, parameterSizeCodes, PARAMETER_SIZES } from './derived-columns.ts';

/** A column of dictionary codes: one per row (-1 for none), or a run of them per row. */
export type CodeColumn =
  | { readonly kind: 'single'; readonly codes: Int32Array }
  | { readonly kind: 'runs'; readonly start: Uint32Array; readonly codes: Int32Array };

const single = (codes: Int32Array): CodeColumn => ({ kind: 'single', codes });
const runs = (start: Uint32Array, codes: Int32Array): CodeColumn => ({ kind: 'runs', start, codes });

/** A column of codes and the values they stand for: one of the table's dictionaries, or a fixed list. */
export interface CodedColumn {
  readonly dictionary: DictionaryColumn | readonly string[];
  readonly column: (table: ModelTable) => CodeColumn;
}

/** The values of a coded column, by code. */
export function labelsOf(table: ModelTable, coded: CodedColumn): readonly string[] {
  return typeof coded.dictionary === 'string' ? table.dictionary(coded.dictionary) : coded.dictionary;
}

/** The code of `value` in a coded column, or -1 when it has none. */
export function codeIn(table: ModelTable, coded: CodedColumn, value: string): number {
  return typeof coded.dictionary === 'string' ? table.codeOf(coded.dictionary, value) : coded.dictionary.indexOf(value);
}

/** A filter that lists values of a coded column (a single value, for a field that takes one). */
export interface ValueFilter extends CodedColumn {
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
  licenses: { dictionary: 'license', column: (table) => single(table.license), match: 'any', facet: 'licenses' },
  languages: {
    dictionary: 'language',
    column: (table) => runs(table.languageStart, table.languageCodes),
    match: 'any',
    facet: 'languages',
  },
  // A base named twice (a finetune and a quantization of it) is one posting: the model derives from it either way.
  baseModel: {
    dictionary: 'baseModel',
    column: (table) => runs(table.baseModelStart, table.baseModelCodes),
    match: 'any',
    facet: null,
  },
  // A router holding an image and a prompt wants models that take both, so listed modalities must all be taken.
  inputModalities: {
    dictionary: MODALITIES,
    column: (table) => modalityRuns(table.inputModalities),
    match: 'every',
    facet: 'inputModalities',
  },
  outputModalities: {
    dictionary: MODALITIES,
    column: (table) => modalityRuns(table.outputModalities),
    match: 'every',
    facet: 'outputModalities',
  },
} as const satisfies { [Field in keyof ModelFilter]?: ValueFilter };

/** A filter that bounds a numeric column. */
export interface RangeFilter {
  readonly column: (table: ModelTable) => Float64Array;
  /** The filter's value is the least (`min`) or the greatest (`max`) admitted, inclusive; no bound admits `null`. */
  readonly bound: 'min' | 'max';
  /** Counts cannot be negative, so a negative bound is refused rather than admitting every row. */
  readonly nonNegative: boolean;
  /** The facet counting the column's values (in buckets), leaving the column's bounds out; none if no sidebar does. */
  readonly facet: FacetName | null;
}

/** One accessor per column, shared by its bounds: they are told apart from other columns' by it. */
const downloads = (table: ModelTable) => table.downloads;
const likes = (table: ModelTable) => table.likes;
const parameterCount = (table: ModelTable) => table.parameterCount;

/**
 * The filters on numeric columns: a new one is a line here (and its field in `ModelFilter`). Bounds on one column make
 * one condition, its range; a least above the greatest is refused.
 */
export const RANGE_FILTERS = {
  minDownloads: { column: downloads, bound: 'min', nonNegative: true, facet: null },
  minLikes: { column: likes, bound: 'min', nonNegative: true, facet: null },
  minParameters: { column: parameterCount, bound: 'min', nonNegative: true, facet: 'parameterSizes' },
  maxParameters: { column: parameterCount, bound: 'max', nonNegative: true, facet: 'parameterSizes' },
} as const satisfies { [Field in keyof ModelFilter]?: RangeFilter };

/** Facets over a column no value filter lists: numbers counted in buckets. */
export const BUCKET_FACETS = {
  parameterSizes: {
    dictionary: PARAMETER_SIZES.map((size) => size.label),
    column: (table) => single(parameterSizeCodes(table.parameterCount)),
  },
} as const satisfies { [Facet in FacetName]?: CodedColumn };

/** The column each numeric order sorts by. */
export const ORDER_COLUMNS = {
  DOWNLOADS: downloads,
  LIKES: likes,
  TRENDING_SCORE: (table) => table.trendingScore,
  CREATED_AT: (table) => table.createdAt,
  LAST_MODIFIED: (table) => table.lastModified,
} as const satisfies Record<Exclude<ModelOrderField, 'ID'>, (table: ModelTable) => Float64Array>;

export type NumericOrderField = keyof typeof ORDER_COLUMNS;
export const NUMERIC_ORDER_FIELDS = Object.keys(ORDER_COLUMNS) as NumericOrderField[];
