/**
 * A run of a table's rows as columns, with its own dictionary: each distinct string of the run once in `strings`, and
 * every coded column an index into it (-1 where a row has no value). It is what a stored snapshot's chunk holds, so a
 * reader parses a few arrays and codes each distinct string once, instead of a graph of row objects whose every string
 * is coded anew. The per-row numbers are float64 columns (an absent one NaN), which a store keeps as the bytes of the
 * array rather than as JSON numbers: a reader copies them in at once instead of parsing and checking each number.
 * Everything else is plain JSON values: an absent number is null, never NaN.
 */
export interface ColumnSlice {
  strings: string[];
  ids: string[];
  downloads: Float64Array;
  likes: Float64Array;
  trendingScore: Float64Array;
  /** Epoch milliseconds. */
  createdAt: Float64Array;
  lastModified: Float64Array;
  parameterCount: Float64Array;
  /** Indexes of `GATED_CODES`. */
  gated: number[];
  /** 1 private, 0 public. */
  private: number[];
  author: number[];
  pipelineTag: number[];
  libraryName: number[];
  license: number[];
  region: number[];
  /** Modality bits, as the table's. */
  inputModalities: number[];
  outputModalities: number[];
  hubId: (string | null)[];
  /** Every row's url is `<urlBase>/<id>`; when not, `urlBase` is null and `urls` holds each row's. */
  urlBase: string | null;
  urls: string[] | null;
  /** The row's tags are the next `tagCount[row]` entries of `tags`; languages and base models likewise. */
  tagCount: number[];
  tags: number[];
  languageCount: number[];
  languages: number[];
  baseModelCount: number[];
  baseModels: number[];
  /** Indexes of `RELATION_CODES`. */
  baseModelRelation: number[];
  /** Distinct `foundBy` lists of the run (as indexes into `strings`), and each row's list. */
  foundByLists: number[][];
  foundBy: number[];
  /** The row's provider mappings are the next `mappingCount[row]` entries of the mapping columns. */
  mappingCount: number[];
  mappingProvider: number[];
  mappingStatus: number[];
  mappingTask: number[];
  /** -2 where the provider's id is the model's own (`SAME_AS_MODEL_ID`). */
  mappingProviderId: number[];
  /** Null when no mapping of the run has figures. */
  details: SliceDetails | null;
}

/** Each mapping's figures, as the table's detail columns; `flags` 0 (no source) for a mapping without figures. */
export interface SliceDetails {
  contextLength: (number | null)[];
  inputPerMillion: (number | null)[];
  outputPerMillion: (number | null)[];
  firstTokenLatencyMs: (number | null)[];
  throughput: (number | null)[];
  flags: number[];
}
