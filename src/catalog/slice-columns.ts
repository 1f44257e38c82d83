import type { ColumnSlice, SliceDetails } from './column-slice.ts';
import {
  detailsAt,
  hubIdAt,
  NONE,
  SAME_AS_MODEL_ID,
  type DictionaryColumn,
  type TableColumns,
} from './model-columns.ts';

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** Rows `start` up to `end` of a table's columns as a slice; what it holds is this run's, nothing of other rows. */
export function sliceColumns(columns: TableColumns, start: number, end: number): ColumnSlice {
  const strings = new SliceStrings(columns);
  const perRow = <T>(value: (row: number) => T): T[] => Array.from({ length: end - start }, (_, i) => value(start + i));
  const floats = (column: Float64Array) => column.slice(start, end);
  const plain = (column: Uint8Array) => Array.from(column.subarray(start, end));
  const coded = (column: DictionaryColumn, codes: Int32Array) => perRow((row) => strings.local(column, codes[row]!));
  const runs = (starts: Uint32Array) => perRow((row) => starts[row + 1]! - starts[row]!);
  return {
    ids: columns.ids.slice(start, end),
    downloads: floats(columns.downloads),
    likes: floats(columns.likes),
    trendingScore: floats(columns.trendingScore),
    createdAt: floats(columns.createdAt),
    lastModified: floats(columns.lastModified),
    parameterCount: floats(columns.parameterCount),
    gated: plain(columns.gated),
    private: plain(columns.private),
    author: coded('author', columns.author),
    pipelineTag: coded('pipelineTag', columns.pipelineTag),
    libraryName: coded('libraryName', columns.libraryName),
    license: coded('license', columns.license),
    region: coded('region', columns.region),
    inputModalities: plain(columns.inputModalities),
    outputModalities: plain(columns.outputModalities),
    hubId: perRow((row) => hubIdAt(columns, row)),
    urlBase: columns.urlBase,
    urls: columns.urlCode === null ? null : perRow((row) => columns.dictionaries.url.values[columns.urlCode![row]!]!),
    tagCount: runs(columns.tagStart),
    tags: entries(columns.tagStart, start, end, (entry) => strings.local('tag', columns.tagCodes[entry]!)),
    languageCount: runs(columns.languageStart),
    languages: entries(columns.languageStart, start, end, (entry) =>
      strings.local('language', columns.languageCodes[entry]!),
    ),
    baseModelCount: runs(columns.baseModelStart),
    baseModels: entries(columns.baseModelStart, start, end, (entry) =>
      strings.local('baseModel', columns.baseModelCodes[entry]!),
    ),
    baseModelRelation: entries(columns.baseModelStart, start, end, (entry) => columns.baseModelRelation[entry]!),
    ...sliceFoundBy(columns, strings, perRow),
    mappingCount: runs(columns.mappingStart),
    ...sliceMappings(columns, strings, start, end),
    strings: strings.values,
  };
}

/** The entries of rows `start` up to `end` in a variable-length column whose row starts are `starts`. */
function entries<T>(starts: Uint32Array, start: number, end: number, value: (entry: number) => T): T[] {
  const first = starts[start]!;
  return Array.from({ length: starts[end]! - first }, (_, i) => value(first + i));
}

function sliceFoundBy(
  columns: TableColumns,
  strings: SliceStrings,
  perRow: <T>(value: (row: number) => T) => T[],
): Pick<ColumnSlice, 'foundBy' | 'foundByLists'> {
  const lists = new Map<number, number>();
  const foundBy = perRow((row) => {
    const list = columns.foundBy[row]!;
    let local = lists.get(list);
    if (local === undefined) lists.set(list, (local = lists.size));
    return local;
  });
  const foundByLists = Array.from(lists.keys(), (list) =>
    columns.foundByLists[list]!.map((value) => strings.localOf(value)),
  );
  return { foundBy, foundByLists };
}

type MappingColumn = 'mappingProvider' | 'mappingStatus' | 'mappingTask' | 'mappingProviderId' | 'details';

function sliceMappings(
  columns: TableColumns,
  strings: SliceStrings,
  start: number,
  end: number,
): Pick<ColumnSlice, MappingColumn> {
  const coded = (column: DictionaryColumn, codes: Int32Array) =>
    entries(columns.mappingStart, start, end, (entry) => strings.local(column, codes[entry]!));
  return {
    mappingProvider: coded('provider', columns.mappingProvider),
    mappingStatus: coded('status', columns.mappingStatus),
    mappingTask: coded('task', columns.mappingTask),
    mappingProviderId: entries(columns.mappingStart, start, end, (entry) => {
      const providerId = columns.mappingProviderId[entry]!;
      return providerId === SAME_AS_MODEL_ID ? providerId : strings.local('providerId', providerId);
    }),
    details: sliceDetails(columns, columns.mappingStart[start]!, columns.mappingStart[end]!),
  };
}

function sliceDetails(columns: TableColumns, first: number, end: number): SliceDetails | null {
  const details = columns.mappingDetails;
  if (details === null) return null;
  const entries = <T>(value: (entry: number) => T): T[] =>
    Array.from({ length: end - first }, (_, i) => value(first + i));
  const numbers = (column: Float64Array) => entries((entry) => orNull(column[entry]!));
  if (!entries((entry) => detailsAt(details, entry) !== undefined).includes(true)) return null;
  return {
    contextLength: numbers(details.contextLength),
    inputPerMillion: numbers(details.inputPerMillion),
    outputPerMillion: numbers(details.outputPerMillion),
    firstTokenLatencyMs: numbers(details.firstTokenLatencyMs),
    throughput: numbers(details.throughput),
    flags: Array.from(details.flags.subarray(first, end)),
  };
}

/** The slice's own dictionary: each string the run refers to, once, whichever columns refer to it. */
class SliceStrings {
  readonly values: string[] = [];
  readonly #local = new Map<string, number>();

  constructor(private readonly columns: TableColumns) {}

  /** The slice's code of the string a table code stands for in `column`; -1 stays -1. */
  local(column: DictionaryColumn, tableCode: number): number {
    return tableCode === NONE ? NONE : this.localOf(this.columns.dictionaries[column].values[tableCode]!);
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
