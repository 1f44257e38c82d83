import type { ColumnSlice, DetailsColumns } from './column-slice.ts';
import { HUB_ID_BYTES, type DictionaryColumn, type TableColumns } from './model-columns.ts';

/** Rows `start` up to `end` of a table's columns as a slice; what it holds is this run's, nothing of other rows. */
export function sliceColumns(columns: TableColumns, start: number, end: number): ColumnSlice {
  const strings = new SliceStrings(columns);
  const perRow = <T>(value: (row: number) => T): T[] => Array.from({ length: end - start }, (_, i) => value(start + i));
  const rows = <T extends NumberArray>(column: T) => column.slice(start, end) as T;
  const coded = (column: DictionaryColumn, codes: Int32Array) => codes.map((code) => strings.local(column, code));
  const runs = (starts: Uint32Array) => Uint32Array.from(perRow((row) => starts[row + 1]! - starts[row]!));
  const entriesOf = <T extends NumberArray>(starts: Uint32Array, column: T) =>
    column.slice(starts[start], starts[end]) as T;
  return {
    ids: columns.ids.slice(start, end),
    downloads: rows(columns.downloads),
    likes: rows(columns.likes),
    trendingScore: rows(columns.trendingScore),
    createdAt: rows(columns.createdAt),
    lastModified: rows(columns.lastModified),
    parameterCount: rows(columns.parameterCount),
    gated: rows(columns.gated),
    private: rows(columns.private),
    author: coded('author', rows(columns.author)),
    pipelineTag: coded('pipelineTag', rows(columns.pipelineTag)),
    libraryName: coded('libraryName', rows(columns.libraryName)),
    license: coded('license', rows(columns.license)),
    region: coded('region', rows(columns.region)),
    inputModalities: rows(columns.inputModalities),
    outputModalities: rows(columns.outputModalities),
    hubIdCode: coded('hubId', rows(columns.hubIdCode)),
    hubIdBytes: columns.hubIdBytes.slice(start * HUB_ID_BYTES, end * HUB_ID_BYTES),
    urlBase: columns.urlBase,
    urls: columns.urlCode === null ? null : perRow((row) => columns.dictionaries.url.values[columns.urlCode![row]!]!),
    tagCount: runs(columns.tagStart),
    tags: coded('tag', entriesOf(columns.tagStart, columns.tagCodes)),
    languageCount: runs(columns.languageStart),
    languages: coded('language', entriesOf(columns.languageStart, columns.languageCodes)),
    baseModelCount: runs(columns.baseModelStart),
    baseModels: coded('baseModel', entriesOf(columns.baseModelStart, columns.baseModelCodes)),
    baseModelRelation: entriesOf(columns.baseModelStart, columns.baseModelRelation),
    ...sliceFoundBy(columns, strings, rows(columns.foundBy)),
    mappingCount: runs(columns.mappingStart),
    ...sliceMappings(columns, (column, codes) => coded(column, entriesOf(columns.mappingStart, codes))),
    details: sliceDetails(columns, columns.mappingStart[start]!, columns.mappingStart[end]!),
    strings: strings.values,
  };
}

type NumberArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

function sliceFoundBy(
  columns: TableColumns,
  strings: SliceStrings,
  foundBy: Int32Array,
): Pick<ColumnSlice, 'foundBy' | 'foundByLists'> {
  const lists = new Map<number, number>();
  const local = foundBy.map((list) => {
    let code = lists.get(list);
    if (code === undefined) lists.set(list, (code = lists.size));
    return code;
  });
  const foundByLists = Array.from(lists.keys(), (list) =>
    columns.foundByLists[list]!.map((value) => strings.localOf(value)),
  );
  return { foundBy: local, foundByLists };
}

type MappingColumn = 'mappingProvider' | 'mappingStatus' | 'mappingTask' | 'mappingProviderId';

/** The mapping columns of the run, each code made the slice's by `coded`. */
function sliceMappings(
  columns: TableColumns,
  coded: (column: DictionaryColumn, codes: Int32Array) => Int32Array,
): Pick<ColumnSlice, MappingColumn> {
  return {
    mappingProvider: coded('provider', columns.mappingProvider),
    mappingStatus: coded('status', columns.mappingStatus),
    mappingTask: coded('task', columns.mappingTask),
    mappingProviderId: coded('providerId', columns.mappingProviderId),
  };
}

function sliceDetails(columns: TableColumns, first: number, end: number): DetailsColumns | null {
  const details = columns.mappingDetails;
  if (details === null || !details.flags.subarray(first, end).some((bits) => (bits & SOURCE_BITS) !== 0)) return null;
  return {
    contextLength: details.contextLength.slice(first, end),
    inputPerMillion: details.inputPerMillion.slice(first, end),
    outputPerMillion: details.outputPerMillion.slice(first, end),
    firstTokenLatencyMs: details.firstTokenLatencyMs.slice(first, end),
    throughput: details.throughput.slice(first, end),
    flags: details.flags.slice(first, end),
  };
}

/** A mapping's flags without a source (0) are a mapping without figures (see `DetailsColumns`). */
const SOURCE_BITS = 3;

/** The slice's own dictionary: each string the run refers to, once, whichever columns refer to it. */
class SliceStrings {
  readonly values: string[] = [];
  readonly #local = new Map<string, number>();

  constructor(private readonly columns: TableColumns) {}

  /**
   * The slice's code of the string a table code stands for in `column`; a negative code (-1 none, or the column's own
   * meaning, as `SAME_AS_MODEL_ID`) stays as it is.
   */
  local(column: DictionaryColumn, tableCode: number): number {
    return tableCode < 0 ? tableCode : this.localOf(this.columns.dictionaries[column].values[tableCode]!);
  }

  localOf(value: string): number {
    let code = this.#local.get(value);
    if (code === undefined) {
      code = this.values.push(value) - 1;
      this.#local.set(value, code);
    }
    return code;
  }
}
