import { randomInt } from 'node:crypto';
import type { ColumnSlice, DetailsColumns, NumberColumn, NumberColumns } from './column-slice.ts';

export type { DetailsColumns } from './column-slice.ts';
import {
  BASE_MODEL_RELATIONS,
  compareIds,
  MODALITIES,
  type BaseModel,
  type GatedMode,
  type MappingDetails,
  type Modality,
  type Model,
  type ProviderMapping,
} from './model.ts';

/** Code of an absent value in a dictionary column. */
export const NONE = -1;
/** `mappingProviderId` code of a providerId that repeats the model id (hf-inference's usual case). */
export const SAME_AS_MODEL_ID = -2;
/** `hubIdCode` of an ObjectId kept as 12 bytes in `hubIdBytes` rather than as a 24-character string. */
export const PACKED_HUB_ID = -2;
export const HUB_ID_BYTES = 12;
const OBJECT_ID = /^[0-9a-f]{24}$/;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The Hub id of `row`, unpacked from its 12 bytes where it was an ObjectId. */
export function hubIdAt(columns: TableColumns, row: number): string | null {
  const code = columns.hubIdCode[row]!;
  if (code !== PACKED_HUB_ID) return code === NONE ? null : columns.dictionaries.hubId.values[code]!;
  let hex = '';
  for (let i = row * HUB_ID_BYTES; i < (row + 1) * HUB_ID_BYTES; i++) hex += HEX[columns.hubIdBytes[i]!]!;
  return hex;
}

export const GATED_CODES: readonly (GatedMode | null)[] = [null, 'auto', 'manual'];
/** `baseModelRelation` codes: 0 for a base whose relation the Hub does not name. */
export const RELATION_CODES: readonly (BaseModel['relation'] | null)[] = [null, ...BASE_MODEL_RELATIONS];

/** A set of modalities as one byte: bit i stands for `MODALITIES[i]` (eight of them, so they fit). */
export function modalityBits(modalities: readonly Modality[]): number {
  let bits = 0;
  for (const modality of modalities) bits |= 1 << MODALITIES.indexOf(modality);
  return bits;
}

export function modalitiesOfBits(bits: number): Modality[] {
  return MODALITIES.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** Mixed into every string's hash, different in each process, so no stored text can be made to collide on purpose. */
const HASH_SEED = randomInt(2 ** 31);

/** FNV-1a over the string's UTF-16 units, from the process's seed. */
function hashOf(value: string): number {
  let hash = 0x811c9dc5 ^ HASH_SEED;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * Distinct strings of one column, each stored once and referred to by its code. Codes are found through an
 * open-addressing table of (hash, code) in two typed arrays rather than a Map: a million-model load codes 2.4 million
 * strings, most of them new to dictionaries of up to 570,000, and a Map's miss reads the key strings of its bucket's
 * chain where this table compares hashes side by side (half the time, measured on 570,000 new authors).
 */
export class Dictionary {
  readonly values: string[] = [];
  #hashes = new Int32Array(64);
  /** `values` index + 1 at each slot; 0 is an empty slot. */
  #slots = new Int32Array(64);

  code(value: string): number {
    const hash = hashOf(value);
    const slot = this.#find(value, hash);
    const found = this.#slots[slot]!;
    if (found !== 0) return found - 1;
    const code = this.values.push(value) - 1;
    this.#hashes[slot] = hash;
    this.#slots[slot] = code + 1;
    if (this.values.length * 2 > this.#slots.length) this.#grow();
    return code;
  }

  codeOf(value: string): number {
    return this.#slots[this.#find(value, hashOf(value))]! - 1;
  }

  /** The slot holding `value`, or the empty slot where it would go (the table is never more than half full). */
  #find(value: string, hash: number): number {
    const mask = this.#slots.length - 1;
    const slots = this.#slots;
    const hashes = this.#hashes;
    let slot = hash & mask;
    for (let code = slots[slot]!; code !== 0; code = slots[slot]!) {
      if (hashes[slot] === hash && this.values[code - 1] === value) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  #grow(): void {
    const [hashes, slots] = [this.#hashes, this.#slots];
    this.#hashes = new Int32Array(slots.length * 2);
    this.#slots = new Int32Array(slots.length * 2);
    const mask = this.#slots.length - 1;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === 0) continue;
      let slot = hashes[i]! & mask;
      while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
      this.#hashes[slot] = hashes[i]!;
      this.#slots[slot] = slots[i]!;
    }
  }
}

/** The columns whose strings are kept once, in a dictionary. */
export type DictionaryColumn =
  | 'author'
  | 'pipelineTag'
  | 'libraryName'
  | 'tag'
  | 'license'
  | 'language'
  | 'baseModel'
  | 'region'
  | 'provider'
  | 'status'
  | 'task'
  | 'providerId'
  | 'hubId'
  | 'url';

const DICTIONARY_COLUMNS: readonly DictionaryColumn[] = [
  'author',
  'pipelineTag',
  'libraryName',
  'tag',
  'license',
  'language',
  'baseModel',
  'region',
  'provider',
  'status',
  'task',
  'providerId',
  'hubId',
  'url',
];

/**
 * Everything a ModelTable holds, rows in id order; see ModelTable for what each column means. Its number columns are
 * a slice's (`NUMBER_COLUMNS`), except that a variable-length column is kept as each row's start into its entries.
 */
export interface TableColumns extends Omit<NumberColumns, SliceRunColumn> {
  size: number;
  ids: string[];
  tagStart: Uint32Array;
  tagCodes: Int32Array;
  languageStart: Uint32Array;
  languageCodes: Int32Array;
  baseModelStart: Uint32Array;
  baseModelCodes: Int32Array;
  mappingStart: Uint32Array;
  /** Null when no mapping of the table has figures (a catalog without the router, most often). */
  mappingDetails: DetailsColumns | null;
  foundByLists: readonly (readonly string[])[];
  /** Set when every url is `<base>/<id>`; otherwise `urlCode` holds each row's url in the `url` dictionary. */
  urlBase: string | null;
  urlCode: Int32Array | null;
  dictionaries: Readonly<Record<DictionaryColumn, Dictionary>>;
}

/** A slice's counts of entries per row, and the entries of the columns a table names codes. */
type SliceRunColumn =
  'tagCount' | 'tags' | 'languageCount' | 'languages' | 'baseModelCount' | 'baseModels' | 'mappingCount';

/** The columns of what a router chooses a model by (see ModelTable). */
type LabelColumn =
  | 'license'
  | 'region'
  | 'languageStart'
  | 'languageCodes'
  | 'baseModelStart'
  | 'baseModelCodes'
  | 'baseModelRelation'
  | 'inputModalities'
  | 'outputModalities';

const DETAIL_NUMBERS = [
  'contextLength',
  'inputPerMillion',
  'outputPerMillion',
  'firstTokenLatencyMs',
  'throughput',
] as const satisfies readonly (keyof MappingDetails & keyof DetailsColumns)[];
const SOURCES = [null, 'router', 'listing'] as const;
/** 0 unknown, 1 false, 2 true. */
const tristate = (value: boolean | null): number => (value === null ? 0 : value ? 2 : 1);
const fromTristate = (code: number): boolean | null => (code === 0 ? null : code === 2);

/** The details of mapping `entry`, or undefined when it has none. */
export function detailsAt(columns: DetailsColumns | null, entry: number): MappingDetails | undefined {
  const flags = columns?.flags[entry] ?? 0;
  const source = SOURCES[flags & 3];
  if (!columns || !source) return undefined;
  const number = (value: number) => (Number.isNaN(value) ? null : value);
  return {
    source,
    contextLength: number(columns.contextLength[entry]!),
    inputPerMillion: number(columns.inputPerMillion[entry]!),
    outputPerMillion: number(columns.outputPerMillion[entry]!),
    supportsTools: fromTristate((flags >> 2) & 3),
    supportsStructuredOutput: fromTristate((flags >> 4) & 3),
    firstTokenLatencyMs: number(columns.firstTokenLatencyMs[entry]!),
    throughput: number(columns.throughput[entry]!),
  };
}

type NumberArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** A typed array that grows as rows arrive, so a table is built without first holding every row as an object. */
class Growable<T extends NumberArray> {
  length = 0;
  #array: T;

  constructor(
    private readonly make: (length: number) => T,
    capacity = 1024,
  ) {
    this.#array = make(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.#array.length) this.#grow(this.length + 1);
    this.#array[this.length++] = value;
  }

  /** Every value pushed at once, each through `code` when given. */
  pushAll(values: NumberArray, code?: (value: number) => number): void {
    if (this.length + values.length > this.#array.length) this.#grow(this.length + values.length);
    const array = this.#array;
    if (code) for (let i = 0, at = this.length; i < values.length; i++) array[at + i] = code(values[i]!);
    else array.set(values, this.length);
    this.length += values.length;
  }

  #grow(atLeast: number): void {
    const bigger = this.make(Math.max(this.#array.length * 2, atLeast));
    bigger.set(this.#array);
    this.#array = bigger;
  }

  /** The pushed values at their exact length, as `stride`-wide records reordered by `order` when one is given. */
  finish(order: Uint32Array | null, stride = 1): T {
    const values = this.#array;
    // A column made at its final size (see ModelColumnsBuilder's `expectedRows`) is kept as it is, not copied.
    if (order === null) return (values.length === this.length ? values : values.slice(0, this.length)) as T;
    const out = this.make(order.length * stride);
    for (let i = 0; i < order.length; i++) {
      const from = order[i]! * stride;
      for (let k = 0; k < stride; k++) out[i * stride + k] = values[from + k]!;
    }
    return out;
  }

  /** A variable-length column (`counts[row]` values per row, rows in arrival order) rearranged into `order`. */
  finishRuns(counts: Uint32Array, order: Uint32Array | null): { start: Uint32Array; values: T } {
    const arrivalStart = prefixSums(counts);
    if (order === null) return { start: arrivalStart, values: this.finish(null) };
    const start = prefixSums(Uint32Array.from(order, (row) => counts[row]!));
    const values = this.make(this.length);
    for (let i = 0; i < order.length; i++) {
      const from = arrivalStart[order[i]!]!;
      const to = start[i]!;
      for (let k = 0; k < start[i + 1]! - to; k++) values[to + k] = this.#array[from + k]!;
    }
    return { start, values };
  }
}

function prefixSums(counts: Uint32Array): Uint32Array {
  const starts = new Uint32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) starts[i + 1] = starts[i]! + counts[i]!;
  return starts;
}

const floats = (capacity?: number) => new Growable((length) => new Float64Array(length), capacity);
const ints = (capacity?: number) => new Growable((length) => new Int32Array(length), capacity);
const counts = (capacity?: number) => new Growable((length) => new Uint32Array(length), capacity);
const bytes = (capacity?: number) => new Growable((length) => new Uint8Array(length), capacity);

const orNaN = (value: number | null): number => (value === null ? Number.NaN : value);
const timestamp = (iso: string | null): number => (iso === null ? Number.NaN : Date.parse(iso));

/** The float64 columns, one value per row, as a slice holds them. */
const FLOAT_COLUMNS = [
  'downloads',
  'likes',
  'trendingScore',
  'createdAt',
  'lastModified',
  'parameterCount',
] as const satisfies readonly NumberColumn[];
/** The one-byte columns with a value per row that need no dictionary. */
const FLAG_COLUMNS = [
  'gated',
  'private',
  'inputModalities',
  'outputModalities',
] as const satisfies readonly NumberColumn[];

/** Rows a builder makes room for at once when told how many to expect: a bound on what a stored manifest can ask. */
const MAX_EXPECTED_ROWS = 1 << 22;

/**
 * How many entries a table's variable-length columns will hold, when a caller knows (a stored snapshot's manifest
 * says): they are made that long at once rather than doubled as entries arrive and copied to their length at the end,
 * which at a million models left about 60 MB of dropped arrays for the collector at the load's peak. Capped per
 * expected row, a little above what the Hub's models have (10.5 tags, 1.1 languages, 0.7 base models, 1.2 mappings
 * each), so a forged count makes a builder allocate little more than a real table of that many rows holds; beyond a
 * cap the column grows as it would without a count.
 */
export interface ExpectedEntries {
  tags: number;
  languages: number;
  baseModels: number;
  mappings: number;
}

const MAX_ENTRIES_PER_ROW: ExpectedEntries = { tags: 16, languages: 2, baseModels: 2, mappings: 2 };

function entryCapacity(rows: number | undefined, expected: ExpectedEntries | undefined, column: keyof ExpectedEntries) {
  if (rows === undefined || expected === undefined) return undefined;
  return Math.min(expected[column], rows * MAX_ENTRIES_PER_ROW[column]) || undefined;
}

/**
 * Collects models one at a time into growing columns, then sorts the rows by id. Only the columns are kept, so a
 * million-model table can be built from a stream (a Redis scan, a generator) without a million `Model` objects alive
 * at once. Told how many rows to expect (a stored snapshot's manifest says), it makes its one-value-per-row columns
 * that long at once, so they are neither grown by copying nor copied again at the end.
 */
export class ModelColumnsBuilder {
  readonly #dictionaries = Object.fromEntries(DICTIONARY_COLUMNS.map((column) => [column, new Dictionary()])) as Record<
    DictionaryColumn,
    Dictionary
  >;
  readonly #ids: string[] = [];
  readonly #numbers;
  readonly #flags;
  readonly #codes;
  readonly #tags;
  readonly #languages;
  readonly #baseModels;
  readonly #mappings;
  readonly #details: DetailsBuilder;
  readonly #hubIds;
  readonly #foundByCodes = new Map<string, number>();
  readonly #foundByLists: (readonly string[])[] = [];
  readonly #urls = new UrlColumn();
  #inIdOrder = true;

  constructor(expectedRows = 0, expectedEntries?: ExpectedEntries) {
    const rows = Math.min(expectedRows, MAX_EXPECTED_ROWS) || undefined;
    const entries = (column: keyof ExpectedEntries) => entryCapacity(rows, expectedEntries, column);
    this.#numbers = {
      downloads: floats(rows),
      likes: floats(rows),
      trendingScore: floats(rows),
      createdAt: floats(rows),
      lastModified: floats(rows),
      parameterCount: floats(rows),
    };
    this.#flags = {
      gated: bytes(rows),
      private: bytes(rows),
      inputModalities: bytes(rows),
      outputModalities: bytes(rows),
    };
    this.#codes = {
      author: ints(rows),
      pipelineTag: ints(rows),
      libraryName: ints(rows),
      license: ints(rows),
      region: ints(rows),
      foundBy: ints(rows),
    };
    this.#tags = { count: counts(rows), codes: ints(entries('tags')) };
    this.#languages = { count: counts(rows), codes: ints(entries('languages')) };
    const baseModels = entries('baseModels');
    this.#baseModels = { count: counts(rows), codes: ints(baseModels), relations: bytes(baseModels) };
    const mappings = entries('mappings');
    this.#mappings = {
      count: counts(rows),
      provider: ints(mappings),
      status: ints(mappings),
      task: ints(mappings),
      providerId: ints(mappings),
    };
    this.#details = new DetailsBuilder(mappings);
    this.#hubIds = { code: ints(rows), bytes: bytes(rows && rows * HUB_ID_BYTES) };
  }

  add(model: Model): void {
    this.#addId(model.id);
    const numbers = this.#numbers;
    numbers.downloads.push(model.downloads);
    numbers.likes.push(model.likes);
    numbers.trendingScore.push(orNaN(model.trendingScore));
    numbers.createdAt.push(timestamp(model.createdAt));
    numbers.lastModified.push(timestamp(model.lastModified));
    numbers.parameterCount.push(orNaN(model.parameterCount));
    this.#flags.gated.push(GATED_CODES.indexOf(model.gated));
    this.#flags.private.push(model.private ? 1 : 0);
    this.#codes.author.push(this.#code('author', model.author));
    this.#codes.pipelineTag.push(this.#code('pipelineTag', model.pipelineTag));
    this.#codes.libraryName.push(this.#code('libraryName', model.libraryName));
    this.#codes.foundBy.push(this.#foundByCode(model.foundBy));
    this.#tags.count.push(model.tags.length);
    for (const tag of model.tags) this.#tags.codes.push(this.#dictionaries.tag.code(tag));
    this.#addLabels(model);
    this.#addMappings(model.id, model.providers);
    this.#addHubId(model.hubId);
    this.#urls.add(model.id, model.url, this.#dictionaries.url);
  }

  /**
   * A slice's rows, column by column, no row object made: each of the slice's strings is coded into the table's
   * dictionaries once, the first time a column refers to it. The slice must be consistent (its columns as long as it
   * has rows or entries, its codes within its strings): a store checks what it read before it comes here.
   */
  addSlice(slice: ColumnSlice): void {
    const code = sliceCoder(slice.strings, this.#dictionaries);
    const numbers = this.#numbers;
    const flags = this.#flags;
    const codes = this.#codes;
    for (const id of slice.ids) this.#addId(id);
    for (const column of FLOAT_COLUMNS) numbers[column].pushAll(slice[column]);
    for (const column of FLAG_COLUMNS) flags[column].pushAll(slice[column]);
    for (const column of ['author', 'pipelineTag', 'libraryName', 'license', 'region'] as const) {
      codes[column].pushAll(slice[column], code(column));
    }
    this.#tags.count.pushAll(slice.tagCount);
    this.#tags.codes.pushAll(slice.tags, code('tag'));
    this.#languages.count.pushAll(slice.languageCount);
    this.#languages.codes.pushAll(slice.languages, code('language'));
    this.#baseModels.count.pushAll(slice.baseModelCount);
    this.#baseModels.codes.pushAll(slice.baseModels, code('baseModel'));
    this.#baseModels.relations.pushAll(slice.baseModelRelation);
    this.#addSliceFoundBy(slice);
    this.#addSliceMappings(slice, code);
    this.#hubIds.code.pushAll(slice.hubIdCode, code('hubId'));
    this.#hubIds.bytes.pushAll(slice.hubIdBytes);
    for (const [row, id] of slice.ids.entries()) {
      if (slice.urlBase === null) this.#urls.add(id, slice.urls![row]!, this.#dictionaries.url);
      else this.#urls.addUnder(slice.urlBase, id, this.#dictionaries.url);
    }
  }

  /** The columns, rows sorted by id; the builder must not be used afterwards. */
  finish(): TableColumns {
    const order = this.#inIdOrder ? null : idOrder(this.#ids);
    const ids = order === null ? this.#ids : Array.from(order, (row) => this.#ids[row]!);
    const tags = this.#tags.codes.finishRuns(this.#tags.count.finish(null), order);
    const mappingCounts = this.#mappings.count.finish(null);
    const mappings = this.#mappings;
    const provider = mappings.provider.finishRuns(mappingCounts, order);
    const finishRuns = (column: Growable<Int32Array>) => column.finishRuns(mappingCounts, order).values;
    const numbers = this.#numbers;
    return {
      size: ids.length,
      ids,
      downloads: numbers.downloads.finish(order),
      likes: numbers.likes.finish(order),
      trendingScore: numbers.trendingScore.finish(order),
      createdAt: numbers.createdAt.finish(order),
      lastModified: numbers.lastModified.finish(order),
      parameterCount: numbers.parameterCount.finish(order),
      gated: this.#flags.gated.finish(order),
      private: this.#flags.private.finish(order),
      author: this.#codes.author.finish(order),
      pipelineTag: this.#codes.pipelineTag.finish(order),
      libraryName: this.#codes.libraryName.finish(order),
      tagStart: tags.start,
      tagCodes: tags.values,
      ...this.#finishLabels(order),
      mappingStart: provider.start,
      mappingProvider: provider.values,
      mappingStatus: finishRuns(mappings.status),
      mappingTask: finishRuns(mappings.task),
      mappingProviderId: finishRuns(mappings.providerId),
      mappingDetails: this.#details.finish(mappingCounts, order),
      hubIdCode: this.#hubIds.code.finish(order),
      hubIdBytes: this.#hubIds.bytes.finish(order, HUB_ID_BYTES),
      foundBy: this.#codes.foundBy.finish(order),
      foundByLists: this.#foundByLists,
      urlBase: this.#urls.base,
      urlCode: this.#urls.finish(order),
      dictionaries: this.#dictionaries,
    };
  }

  #finishLabels(order: Uint32Array | null): Pick<TableColumns, LabelColumn> {
    const languages = this.#languages.codes.finishRuns(this.#languages.count.finish(null), order);
    const baseModelCounts = this.#baseModels.count.finish(null);
    const baseModels = this.#baseModels.codes.finishRuns(baseModelCounts, order);
    return {
      license: this.#codes.license.finish(order),
      region: this.#codes.region.finish(order),
      languageStart: languages.start,
      languageCodes: languages.values,
      baseModelStart: baseModels.start,
      baseModelCodes: baseModels.values,
      baseModelRelation: this.#baseModels.relations.finishRuns(baseModelCounts, order).values,
      inputModalities: this.#flags.inputModalities.finish(order),
      outputModalities: this.#flags.outputModalities.finish(order),
    };
  }

  #addId(id: string): void {
    const previous = this.#ids.at(-1);
    if (previous !== undefined && compareIds(previous, id) >= 0) {
      if (previous === id) throw new Error(`ModelTable: id ${id} appears twice`);
      this.#inIdOrder = false;
    }
    this.#ids.push(id);
  }

  #addSliceFoundBy(slice: ColumnSlice): void {
    const lists = slice.foundByLists.map((list) => this.#foundByCode(list.map((local) => slice.strings[local]!)));
    this.#codes.foundBy.pushAll(slice.foundBy, (list) => lists[list]!);
  }

  #addSliceMappings(slice: ColumnSlice, code: SliceCoder): void {
    const mappings = this.#mappings;
    mappings.count.pushAll(slice.mappingCount);
    mappings.provider.pushAll(slice.mappingProvider, code('provider'));
    mappings.status.pushAll(slice.mappingStatus, code('status'));
    mappings.task.pushAll(slice.mappingTask, code('task'));
    mappings.providerId.pushAll(slice.mappingProviderId, code('providerId'));
    this.#details.pushSlice(slice.details, slice.mappingProvider.length);
  }

  #code(column: DictionaryColumn, value: string | null): number {
    return value === null ? NONE : this.#dictionaries[column].code(value);
  }

  /** License, region, languages, base models and modalities: what a router chooses a model by. */
  #addLabels(model: Model): void {
    this.#codes.license.push(this.#code('license', model.license));
    this.#codes.region.push(this.#code('region', model.region));
    this.#languages.count.push(model.languages.length);
    for (const language of model.languages) this.#languages.codes.push(this.#dictionaries.language.code(language));
    this.#baseModels.count.push(model.baseModels.length);
    for (const base of model.baseModels) {
      this.#baseModels.codes.push(this.#dictionaries.baseModel.code(base.modelId));
      this.#baseModels.relations.push(RELATION_CODES.indexOf(base.relation));
    }
    this.#flags.inputModalities.push(modalityBits(model.inputModalities));
    this.#flags.outputModalities.push(modalityBits(model.outputModalities));
  }

  #addMappings(id: string, providers: readonly ProviderMapping[]): void {
    const mappings = this.#mappings;
    mappings.count.push(providers.length);
    for (const mapping of providers) {
      mappings.provider.push(this.#dictionaries.provider.code(mapping.provider));
      mappings.status.push(this.#dictionaries.status.code(mapping.status));
      mappings.task.push(this.#code('task', mapping.task));
      mappings.providerId.push(
        mapping.providerId === id ? SAME_AS_MODEL_ID : this.#code('providerId', mapping.providerId),
      );
      this.#details.push(mapping.details);
    }
  }

  /** The Hub's ids are 24-hex ObjectIds: 12 bytes instead of a string object per row. */
  #addHubId(hubId: string | null): void {
    const packed = hubId !== null && OBJECT_ID.test(hubId);
    this.#hubIds.code.push(packed ? PACKED_HUB_ID : this.#code('hubId', hubId));
    for (let i = 0; i < HUB_ID_BYTES; i++) {
      this.#hubIds.bytes.push(packed ? hexDigit(hubId, i * 2) * 16 + hexDigit(hubId, i * 2 + 1) : 0);
    }
  }

  /** `foundBy` lists repeat across rows (a few combinations of sorts and parts): each distinct list is kept once. */
  #foundByCode(foundBy: readonly string[]): number {
    const key = JSON.stringify(foundBy);
    let listCode = this.#foundByCodes.get(key);
    if (listCode === undefined) {
      listCode = this.#foundByLists.push(Object.freeze([...foundBy])) - 1;
      this.#foundByCodes.set(key, listCode);
    }
    return listCode;
  }
}

/**
 * A slice's code as a code of a table's dictionary column; a negative code (-1 none, or a column's own meaning, such
 * as `SAME_AS_MODEL_ID` and `PACKED_HUB_ID`) stays as it is.
 */
type SliceCoder = (column: DictionaryColumn) => (local: number) => number;

/** Codes each of a slice's strings into a column's dictionary once, the first time the column refers to it. */
function sliceCoder(strings: readonly string[], dictionaries: Record<DictionaryColumn, Dictionary>): SliceCoder {
  return (column) => {
    const dictionary = dictionaries[column];
    const codes = new Int32Array(strings.length).fill(UNCODED);
    return (local) => {
      if (local < 0) return local;
      const known = codes[local]!;
      return known === UNCODED ? (codes[local] = dictionary.code(strings[local]!)) : known;
    };
  };
}

const UNCODED = -2;

/** The value of the lower-case hex digit at `at` (the id matched OBJECT_ID): no string made per byte. */
function hexDigit(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code <= 57 ? code - 48 : code - 87;
}

/** Detail columns that come into being with the first mapping that has figures, earlier mappings filled as absent. */
class DetailsBuilder {
  #mappings = 0;

  /** `capacity`: the mappings expected, if known. */
  constructor(private readonly capacity?: number) {}

  #columns: {
    numbers: Record<(typeof DETAIL_NUMBERS)[number], Growable<Float64Array>>;
    flags: Growable<Uint8Array>;
  } | null = null;

  push(details: MappingDetails | undefined): void {
    if (details !== undefined) this.#begin();
    this.#mappings++;
    if (this.#columns !== null) this.#pushValues(details);
  }

  /** A slice's `count` mappings, with their figures when the slice has any. */
  pushSlice(details: DetailsColumns | null, count: number): void {
    if (details !== null) this.#begin();
    this.#mappings += count;
    const columns = this.#columns;
    if (columns === null) return;
    if (details === null) {
      for (let i = 0; i < count; i++) this.#pushValues(undefined);
      return;
    }
    for (const field of DETAIL_NUMBERS) columns.numbers[field].pushAll(details[field]);
    columns.flags.pushAll(details.flags);
  }

  /** Makes the columns at the first mapping with figures, the mappings before it filled as absent. */
  #begin(): void {
    if (this.#columns !== null) return;
    this.#columns = {
      numbers: Object.fromEntries(DETAIL_NUMBERS.map((field) => [field, floats(this.capacity)])) as Record<
        (typeof DETAIL_NUMBERS)[number],
        Growable<Float64Array>
      >,
      flags: bytes(this.capacity),
    };
    for (let i = 0; i < this.#mappings; i++) this.#pushValues(undefined);
  }

  #pushValues(details: MappingDetails | undefined): void {
    const columns = this.#columns!;
    for (const field of DETAIL_NUMBERS) columns.numbers[field].push(details?.[field] ?? Number.NaN);
    columns.flags.push(
      details === undefined
        ? 0
        : SOURCES.indexOf(details.source) |
            (tristate(details.supportsTools) << 2) |
            (tristate(details.supportsStructuredOutput) << 4),
    );
  }

  finish(mappingCounts: Uint32Array, order: Uint32Array | null): DetailsColumns | null {
    const columns = this.#columns;
    if (columns === null) return null;
    const runs = <T extends NumberArray>(column: Growable<T>) => column.finishRuns(mappingCounts, order).values;
    return {
      contextLength: runs(columns.numbers.contextLength),
      inputPerMillion: runs(columns.numbers.inputPerMillion),
      outputPerMillion: runs(columns.numbers.outputPerMillion),
      firstTokenLatencyMs: runs(columns.numbers.firstTokenLatencyMs),
      throughput: runs(columns.numbers.throughput),
      flags: runs(columns.flags),
    };
  }
}

/**
 * Urls are almost always `<base>/<id>`: then only the base is kept. The first url that does not follow the base seen
 * so far switches the column to one dictionary code per row.
 */
class UrlColumn {
  base: string | null = null;
  #codes: Growable<Int32Array> | null = null;
  #ids: string[] = [];

  add(id: string, url: string, dictionary: Dictionary): void {
    if (this.#codes === null) {
      if (this.#ids.length === 0 && url.endsWith(`/${id}`)) this.base = url.slice(0, url.length - id.length - 1);
      if (this.base !== null && url === `${this.base}/${id}`) {
        this.#ids.push(id);
        return;
      }
      this.#codes = ints();
      for (const earlier of this.#ids) this.#codes.push(dictionary.code(`${this.base}/${earlier}`));
      this.base = null;
      this.#ids = [];
    }
    this.#codes.push(dictionary.code(url));
  }

  /** The url `<base>/<id>`, without making its string while the column still keeps one base. */
  addUnder(base: string, id: string, dictionary: Dictionary): void {
    if (this.#codes === null && this.#ids.length === 0) this.base = base;
    if (this.#codes === null && this.base === base) this.#ids.push(id);
    else this.add(id, `${base}/${id}`, dictionary);
  }

  finish(order: Uint32Array | null): Int32Array | null {
    this.#ids = [];
    return this.#codes?.finish(order) ?? null;
  }
}

/** Arrival indexes sorted by id; refuses a repeated id, which would make a lookup by id ambiguous. */
function idOrder(ids: readonly string[]): Uint32Array {
  const order = Array.from(ids.keys()).sort((a, b) => compareIds(ids[a]!, ids[b]!));
  for (let i = 1; i < order.length; i++) {
    const id = ids[order[i]!]!;
    if (id === ids[order[i - 1]!]) throw new Error(`ModelTable: id ${id} appears twice`);
  }
  return Uint32Array.from(order);
}
