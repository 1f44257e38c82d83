import type { ColumnSlice } from './column-slice.ts';
import type { BaseModel, GatedMode, Modality, Model, ProviderMapping } from './model.ts';
import {
  detailsAt,
  GATED_CODES,
  hubIdAt,
  modalitiesOfBits,
  ModelColumnsBuilder,
  NONE,
  type ExpectedEntries,
  RELATION_CODES,
  SAME_AS_MODEL_ID,
  type Dictionary,
  type DictionaryColumn,
  type TableColumns,
} from './model-columns.ts';

export type { DictionaryColumn } from './model-columns.ts';

/** A table made a batch at a time: models one by one, or slices of another table's columns (a stored chunk's). */
export interface TableBuilder {
  add(model: Model): void;
  addSlice(slice: ColumnSlice): void;
  finish(): ModelTable;
}

import { sliceColumns } from './slice-columns.ts';

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * The models of one snapshot, column by column: numbers in typed arrays, repeated strings (authors, tasks, libraries,
 * tags, providers) once in a dictionary, Hub ObjectIds as 12 bytes, rows sorted by id. A million `Model` objects cost
 * gigabytes of heap; this costs a few hundred bytes per model, and a `Model` is made only for the rows a request
 * returns. Immutable once built, so anything derived from it (indexes, counts) can be kept beside it for its whole
 * life.
 *
 * Timestamps are kept as instants: a row gives them back in the ISO form the Hub uses
 * (`2025-11-04T08:25:31.000Z`); one that does not parse reads back as absent. An absent number is `NaN` in its column.
 */
export class ModelTable implements Iterable<Model> {
  readonly size: number;
  readonly ids: readonly string[];
  readonly downloads: Float64Array;
  readonly likes: Float64Array;
  readonly trendingScore: Float64Array;
  /** Epoch milliseconds. */
  readonly createdAt: Float64Array;
  readonly lastModified: Float64Array;
  readonly parameterCount: Float64Array;
  /** 0 not gated, 1 `auto`, 2 `manual`. */
  readonly gated: Uint8Array;
  readonly private: Uint8Array;
  readonly author: Int32Array;
  readonly pipelineTag: Int32Array;
  readonly libraryName: Int32Array;
  /** The row's tags are `tagCodes[tagStart[row]]` up to `tagCodes[tagStart[row + 1]]`. */
  readonly tagStart: Uint32Array;
  readonly tagCodes: Int32Array;
  /** Dictionary codes of each row's license and region; -1 where it has none. */
  readonly license: Int32Array;
  readonly region: Int32Array;
  /** The row's languages are `languageCodes[languageStart[row]]` up to `languageCodes[languageStart[row + 1]]`. */
  readonly languageStart: Uint32Array;
  readonly languageCodes: Int32Array;
  /** The row's base models, as its languages: ids in the `baseModel` dictionary, relations as `RELATION_CODES`. */
  readonly baseModelStart: Uint32Array;
  readonly baseModelCodes: Int32Array;
  readonly baseModelRelation: Uint8Array;
  /** Bit i set when the row's model takes (gives) `MODALITIES[i]`. */
  readonly inputModalities: Uint8Array;
  readonly outputModalities: Uint8Array;
  /** The row's mappings are entries `mappingStart[row]` up to `mappingStart[row + 1]` of the mapping columns. */
  readonly mappingStart: Uint32Array;
  readonly mappingProvider: Int32Array;
  readonly mappingStatus: Int32Array;
  readonly mappingTask: Int32Array;
  readonly #columns: TableColumns;

  /** Builds a table from models with distinct ids, in any order; rows are sorted by id. */
  static from(models: Iterable<Model>): ModelTable {
    const builder = new ModelColumnsBuilder();
    for (const model of models) builder.add(model);
    return new ModelTable(builder.finish());
  }

  /** The same from a stream that arrives asynchronously (a store read chunk by chunk). */
  static async fromAsync(models: AsyncIterable<Model> | Iterable<Model>): Promise<ModelTable> {
    const builder = ModelTable.builder();
    for await (const model of models) builder.add(model);
    return builder.finish();
  }

  /**
   * A table made a batch of models at a time, for a caller that yields between batches (a store read chunk by chunk):
   * only the columns are kept, so memory stays near the table's size, never the rows' as objects. `expectedRows`, when
   * the caller knows it, makes room for that many rows at once.
   */
  static builder(expectedRows = 0, expectedEntries?: ExpectedEntries): TableBuilder {
    const columns = new ModelColumnsBuilder(expectedRows, expectedEntries);
    return {
      add: (model) => columns.add(model),
      addSlice: (slice) => columns.addSlice(slice),
      finish: () => new ModelTable(columns.finish()),
    };
  }

  private constructor(columns: TableColumns) {
    this.#columns = columns;
    this.size = columns.size;
    this.ids = columns.ids;
    this.downloads = columns.downloads;
    this.likes = columns.likes;
    this.trendingScore = columns.trendingScore;
    this.createdAt = columns.createdAt;
    this.lastModified = columns.lastModified;
    this.parameterCount = columns.parameterCount;
    this.gated = columns.gated;
    this.private = columns.private;
    this.author = columns.author;
    this.pipelineTag = columns.pipelineTag;
    this.libraryName = columns.libraryName;
    this.tagStart = columns.tagStart;
    this.tagCodes = columns.tagCodes;
    this.license = columns.license;
    this.region = columns.region;
    this.languageStart = columns.languageStart;
    this.languageCodes = columns.languageCodes;
    this.baseModelStart = columns.baseModelStart;
    this.baseModelCodes = columns.baseModelCodes;
    this.baseModelRelation = columns.baseModelRelation;
    this.inputModalities = columns.inputModalities;
    this.outputModalities = columns.outputModalities;
    this.mappingStart = columns.mappingStart;
    this.mappingProvider = columns.mappingProvider;
    this.mappingStatus = columns.mappingStatus;
    this.mappingTask = columns.mappingTask;
  }

  /** The model in `row` (0-based, in id order), made afresh: callers may keep or change it. */
  model(row: number): Model {
    if (!Number.isInteger(row) || row < 0 || row >= this.size) throw new RangeError(`no row ${row} in ${this.size}`);
    const id = this.ids[row]!;
    return {
      id,
      author: this.value('author', this.author[row]!),
      name: this.nameOf(row),
      pipelineTag: this.value('pipelineTag', this.pipelineTag[row]!),
      libraryName: this.value('libraryName', this.libraryName[row]!),
      tags: this.tagsOf(row),
      downloads: this.downloads[row]!,
      likes: this.likes[row]!,
      trendingScore: orNull(this.trendingScore[row]!),
      createdAt: isoOrNull(this.createdAt[row]!),
      lastModified: isoOrNull(this.lastModified[row]!),
      gated: this.gatedOf(row),
      private: this.private[row] === 1,
      parameterCount: orNull(this.parameterCount[row]!),
      license: this.value('license', this.license[row]!),
      languages: this.languagesOf(row),
      baseModels: this.baseModelsOf(row),
      inputModalities: this.inputModalitiesOf(row),
      outputModalities: this.outputModalitiesOf(row),
      region: this.value('region', this.region[row]!),
      providers: this.mappings(row),
      hubId: this.hubIdOf(row),
      foundBy: this.foundByOf(row),
      url: this.urlOf(row),
    };
  }

  /** The row holding `id`, or -1: a binary search, since rows are in id order. */
  rowOf(id: string): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ids[middle]! < id) low = middle + 1;
      else high = middle;
    }
    return low < this.size && this.ids[low] === id ? low : NONE;
  }

  /** The model with `id`, or null. */
  find(id: string): Model | null {
    const row = this.rowOf(id);
    return row === NONE ? null : this.model(row);
  }

  *[Symbol.iterator](): Iterator<Model> {
    for (let row = 0; row < this.size; row++) yield this.model(row);
  }

  /**
   * Rows `start` up to `end` as columns with a dictionary of their own (see ColumnSlice): the form a stored snapshot's
   * chunk takes, made without a `Model` per row.
   */
  slice(start: number, end: number): ColumnSlice {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > this.size || start > end) {
      throw new RangeError(`no rows ${start} to ${end} in ${this.size}`);
    }
    return sliceColumns(this.#columns, start, end);
  }

  /** How many entries the variable-length columns hold: what a builder of a copy of this table should expect. */
  entries(): ExpectedEntries {
    const { size } = this;
    return {
      tags: this.tagStart[size]!,
      languages: this.languageStart[size]!,
      baseModels: this.baseModelStart[size]!,
      mappings: this.mappingStart[size]!,
    };
  }

  /** Every model as a plain object, in id order: the form snapshots are sent in. */
  toJSON(): Model[] {
    return [...this];
  }

  /** The distinct values of a dictionary column, indexed by code. */
  dictionary(column: DictionaryColumn): readonly string[] {
    return this.#dictionary(column).values;
  }

  /** The code of `value` in a dictionary column, or -1 when no row has it. */
  codeOf(column: DictionaryColumn, value: string): number {
    return this.#dictionary(column).codeOf(value);
  }

  /** The string a code stands for in a dictionary column; null for the absent code -1. */
  value(column: DictionaryColumn, valueCode: number): string | null {
    return valueCode === NONE ? null : this.#dictionary(column).values[valueCode]!;
  }

  #dictionary(column: DictionaryColumn): Dictionary {
    return this.#columns.dictionaries[column];
  }

  /*
   * One field of the model in `row` each, as `model(row)` has it, for a caller that reads a few fields of many rows
   * (a page's shared models): made afresh, never checked against the table's size.
   */

  nameOf(row: number): string {
    const id = this.ids[row]!;
    const slash = id.indexOf('/');
    return slash >= 0 ? id.slice(slash + 1) : id;
  }

  tagsOf(row: number): string[] {
    const tags: string[] = [];
    for (let i = this.tagStart[row]!; i < this.tagStart[row + 1]!; i++)
      tags.push(this.value('tag', this.tagCodes[i]!)!);
    return tags;
  }

  languagesOf(row: number): string[] {
    const languages: string[] = [];
    for (let i = this.languageStart[row]!; i < this.languageStart[row + 1]!; i++)
      languages.push(this.value('language', this.languageCodes[i]!)!);
    return languages;
  }

  baseModelsOf(row: number): BaseModel[] {
    const bases: BaseModel[] = [];
    for (let i = this.baseModelStart[row]!; i < this.baseModelStart[row + 1]!; i++) {
      const relation = RELATION_CODES[this.baseModelRelation[i]!] ?? null;
      bases.push({ relation, modelId: this.value('baseModel', this.baseModelCodes[i]!)! });
    }
    return bases;
  }

  createdAtOf(row: number): string | null {
    return isoOrNull(this.createdAt[row]!);
  }

  lastModifiedOf(row: number): string | null {
    return isoOrNull(this.lastModified[row]!);
  }

  gatedOf(row: number): GatedMode | null {
    return GATED_CODES[this.gated[row]!] ?? null;
  }

  inputModalitiesOf(row: number): Modality[] {
    return modalitiesOfBits(this.inputModalities[row]!);
  }

  outputModalitiesOf(row: number): Modality[] {
    return modalitiesOfBits(this.outputModalities[row]!);
  }

  foundByOf(row: number): string[] {
    return [...this.#columns.foundByLists[this.#columns.foundBy[row]!]!];
  }

  /** The provider mappings of the model in `row`, made afresh. */
  mappings(row: number): ProviderMapping[] {
    const providerIds = this.#columns.mappingProviderId;
    const out: ProviderMapping[] = [];
    for (let i = this.mappingStart[row]!; i < this.mappingStart[row + 1]!; i++) {
      const mapping: ProviderMapping = {
        provider: this.value('provider', this.mappingProvider[i]!)!,
        providerId: providerIds[i] === SAME_AS_MODEL_ID ? this.ids[row]! : this.value('providerId', providerIds[i]!),
        status: this.value('status', this.mappingStatus[i]!)!,
        task: this.value('task', this.mappingTask[i]!),
      };
      const details = detailsAt(this.#columns.mappingDetails, i);
      if (details) mapping.details = details;
      out.push(mapping);
    }
    return out;
  }

  hubIdOf(row: number): string | null {
    return hubIdAt(this.#columns, row);
  }

  urlOf(row: number): string {
    const { urlBase, urlCode } = this.#columns;
    return urlCode === null ? `${urlBase}/${this.ids[row]!}` : this.value('url', urlCode[row]!)!;
  }
}

function isoOrNull(ms: number): string | null {
  if (Number.isNaN(ms)) return null;
  // Date#toISOString costs about three times this on V8, and a page makes two per model.
  return ms >= MIN_FAST_ISO && ms < MAX_FAST_ISO ? isoString(ms) : new Date(ms).toISOString();
}

/** Years 1970–9999: where the Hub's timestamps are, and where ISO years have exactly four digits. */
const MIN_FAST_ISO = 0;
const MAX_FAST_ISO = Date.UTC(10_000, 0, 1);
const DAY_MS = 86_400_000;
const pad2 = (value: number) => (value < 10 ? `0${value}` : `${value}`);

/** `YYYY-MM-DDTHH:mm:ss.sssZ` of an instant, by the days-to-civil-date conversion (H. Hinnant's `civil_from_days`). */
function isoString(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const time = ms - days * DAY_MS;
  const millis = time % 1000;
  const seconds = Math.floor(time / 1000);
  return (
    `${year}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:` +
    `${pad2(seconds % 60)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`
  );
}
