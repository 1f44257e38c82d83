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
  const numbers = (column: Float64Array) => perRow((row) => orNull(column[row]!));
  const coded = (column: DictionaryColumn, codes: Int32Array) => perRow((row) => strings.local(column, codes[row]!));
  const runs = (starts: Uint32Array, each: (entry: number) => void): number[] => {
    for (let entry = starts[start]!; entry < starts[end]!; entry++) each(entry);
    return perRow((row) => starts[row + 1]! - starts[row]!);
  };
  const tags: number[] = [];
  const languages: number[] = [];
  const baseModels: number[] = [];
  const baseModelRelation: number[] = [];
  const mappings = {
    provider: [] as number[],
    status: [] as number[],
    task: [] as number[],
    providerId: [] as number[],
  };
  const tagCount = runs(columns.tagStart, (entry) => tags.push(strings.local('tag', columns.tagCodes[entry]!)));
  const languageCount = runs(columns.languageStart, (entry) =>
    languages.push(strings.local('language', columns.languageCodes[entry]!)),
  );
  const baseModelCount = runs(columns.baseModelStart, (entry) => {
    baseModels.push(strings.local('baseModel', columns.baseModelCodes[entry]!));
    baseModelRelation.push(columns.baseModelRelation[entry]!);
  });
  const mappingCount = runs(columns.mappingStart, (entry) => {
    mappings.provider.push(strings.local('provider', columns.mappingProvider[entry]!));
    mappings.status.push(strings.local('status', columns.mappingStatus[entry]!));
    mappings.task.push(strings.local('task', columns.mappingTask[entry]!));
    const providerId = columns.mappingProviderId[entry]!;
    mappings.providerId.push(providerId === SAME_AS_MODEL_ID ? providerId : strings.local('providerId', providerId));
  });
  const foundByLists = new Map<number, number>();
  const foundBy = perRow((row) => {
    const list = columns.foundBy[row]!;
    let local = foundByLists.get(list);
    if (local === undefined) foundByLists.set(list, (local = foundByLists.size));
    return local;
  });
  const ids = columns.ids.slice(start, end);
  return {
    ids,
    downloads: Array.from(columns.downloads.subarray(start, end)),
    likes: Array.from(columns.likes.subarray(start, end)),
    trendingScore: numbers(columns.trendingScore),
    createdAt: numbers(columns.createdAt),
    lastModified: numbers(columns.lastModified),
    parameterCount: numbers(columns.parameterCount),
    gated: Array.from(columns.gated.subarray(start, end)),
    private: Array.from(columns.private.subarray(start, end)),
    author: coded('author', columns.author),
    pipelineTag: coded('pipelineTag', columns.pipelineTag),
    libraryName: coded('libraryName', columns.libraryName),
    license: coded('license', columns.license),
    region: coded('region', columns.region),
    inputModalities: Array.from(columns.inputModalities.subarray(start, end)),
    outputModalities: Array.from(columns.outputModalities.subarray(start, end)),
    hubId: perRow((row) => hubIdAt(columns, row)),
    urlBase: columns.urlBase,
    urls: columns.urlCode === null ? null : perRow((row) => columns.dictionaries.url.values[columns.urlCode![row]!]!),
    tagCount,
    tags,
    languageCount,
    languages,
    baseModelCount,
    baseModels,
    baseModelRelation,
    foundByLists: Array.from(foundByLists.keys(), (list) =>
      columns.foundByLists[list]!.map((value) => strings.localOf(value)),
    ),
    foundBy,
    mappingCount,
    mappingProvider: mappings.provider,
    mappingStatus: mappings.status,
    mappingTask: mappings.task,
    mappingProviderId: mappings.providerId,
    details: sliceDetails(columns, columns.mappingStart[start]!, columns.mappingStart[end]!),
    strings: strings.values,
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
