/**
 * Every number column a table's rows are kept in, once: its name and the typed array that holds it. A table
 * (`TableColumns`) and a slice of it (`ColumnSlice`) hold the same columns under the same names, except that a slice
 * counts each row's entries of a variable-length column (`tagCount`) where the table keeps where each row's start
 * (`tagStart`), and names the entries after the column (`tags`) where the table names them codes (`tagCodes`).
 */
export const NUMBER_COLUMNS = {
  downloads: Float64Array,
  likes: Float64Array,
  trendingScore: Float64Array,
  /** Epoch milliseconds. */
  createdAt: Float64Array,
  lastModified: Float64Array,
  parameterCount: Float64Array,
  /** Indexes of `GATED_CODES`. */
  gated: Uint8Array,
  /** 1 private, 0 public. */
  private: Uint8Array,
  /** Modality bits: bit i set when the model takes (gives) `MODALITIES[i]`. */
  inputModalities: Uint8Array,
  outputModalities: Uint8Array,
  author: Int32Array,
  pipelineTag: Int32Array,
  libraryName: Int32Array,
  license: Int32Array,
  region: Int32Array,
  /** `PACKED_HUB_ID` where the row's Hub id is an ObjectId, kept as its 12 bytes in `hubIdBytes`. */
  hubIdCode: Int32Array,
  hubIdBytes: Uint8Array,
  /** Each row's `foundBy` list, an index of the distinct lists. */
  foundBy: Int32Array,
  tagCount: Uint32Array,
  tags: Int32Array,
  languageCount: Uint32Array,
  languages: Int32Array,
  baseModelCount: Uint32Array,
  baseModels: Int32Array,
  /** Indexes of `RELATION_CODES`, one per base model. */
  baseModelRelation: Uint8Array,
  mappingCount: Uint32Array,
  mappingProvider: Int32Array,
  mappingStatus: Int32Array,
  mappingTask: Int32Array,
  /** `SAME_AS_MODEL_ID` where the provider's id is the model's own. */
  mappingProviderId: Int32Array,
} as const;

export type NumberColumn = keyof typeof NUMBER_COLUMNS;
export type NumberColumns = TypedArrays<typeof NUMBER_COLUMNS>;
/** The typed arrays that columns named by their arrays' constructors hold. */
type TypedArrays<Columns> = { -readonly [Name in keyof Columns]: ArrayOf<Columns[Name]> };
type ArrayOf<Constructor> = Constructor extends Float64ArrayConstructor
  ? Float64Array
  : Constructor extends Int32ArrayConstructor
    ? Int32Array
    : Constructor extends Uint32ArrayConstructor
      ? Uint32Array
      : Uint8Array;

/** The columns a slice counts a row's entries in, each with the column of the entries it counts. */
export const RUN_COLUMNS = {
  tagCount: ['tags'],
  languageCount: ['languages'],
  baseModelCount: ['baseModels', 'baseModelRelation'],
  mappingCount: ['mappingProvider', 'mappingStatus', 'mappingTask', 'mappingProviderId'],
} as const satisfies Partial<Record<NumberColumn, readonly NumberColumn[]>>;

/**
 * A run of a table's rows as columns, with its own dictionary: each distinct string of the run once in `strings`, and
 * every coded column an index into it (-1 where a row has no value). It is what a stored snapshot's chunk holds, so a
 * reader codes each distinct string once, instead of a graph of row objects whose every string is coded anew. Every
 * number is in a typed array, which a store keeps as the array's bytes: a reader copies them in at once instead of
 * parsing and checking each number. The rest is plain JSON values.
 */
export interface ColumnSlice extends NumberColumns {
  strings: string[];
  ids: string[];
  /** Every row's url is `<urlBase>/<id>`; when not, `urlBase` is null and `urls` holds each row's. */
  urlBase: string | null;
  urls: string[] | null;
  /** Distinct `foundBy` lists of the run (as indexes into `strings`), which `foundBy` indexes. */
  foundByLists: number[][];
  /** Null when no mapping of the run has figures. */
  details: DetailsColumns | null;
}

/**
 * Each mapping's figures, one entry per mapping as the other mapping columns; an absent number is `NaN`. Prices need
 * every digit of a float64 (0.15 is not a float32), so all numbers are float64: 41 bytes per mapping, kept only by
 * tables (and slices) where some mapping has figures.
 */
export const DETAIL_COLUMNS = {
  contextLength: Float64Array,
  inputPerMillion: Float64Array,
  outputPerMillion: Float64Array,
  firstTokenLatencyMs: Float64Array,
  throughput: Float64Array,
  /** Bits 0–1 the source (0 none, 1 router, 2 listing), 2–3 `supportsTools`, 4–5 `supportsStructuredOutput`. */
  flags: Uint8Array,
} as const;

export type DetailColumn = keyof typeof DETAIL_COLUMNS;
export type DetailsColumns = TypedArrays<typeof DETAIL_COLUMNS>;
