import { GGUF_CONTEXT_LENGTHS, isLineageTag, lineageOfTags, lineageTags, RELATIONS } from './lineage.ts';
import { hexOfWords, parseHexWords } from './object-id.ts';
import type { Random } from './random.ts';
import { LANGUAGES } from './vocabulary.ts';

export type MappingStatus = 'live' | 'staging' | 'error';

/** One entry of `inferenceProviderMapping` as the Hub lists it. */
export interface EmulatedProviderMapping {
  readonly _id: string;
  readonly provider: string;
  readonly providerId: string;
  readonly status: MappingStatus;
  readonly previousStatus?: MappingStatus;
  readonly task: string;
  readonly performance?: { readonly requestLatencyMs: number };
  readonly providerDetails?: {
    readonly context_length: number;
    readonly pricing: { readonly input: number; readonly output: number };
  };
  readonly type: 'single-model';
  readonly isModelAuthor: boolean;
}

/** A model repo as the Hub stores it; absent fields are omitted, never null. */
export interface EmulatedModel {
  readonly _id: string;
  readonly id: string;
  readonly author: string;
  readonly sha: string;
  readonly createdAt: string;
  readonly lastModified: string;
  readonly private: false;
  readonly gated: false | 'auto' | 'manual';
  readonly disabled: false;
  readonly likes: number;
  readonly downloads: number;
  readonly downloadsAllTime: number;
  readonly trendingScore?: number;
  readonly tags: readonly string[];
  readonly pipeline_tag?: string;
  readonly library_name?: string;
  readonly mask_token?: string;
  readonly siblings: readonly { readonly rfilename: string }[];
  readonly safetensors?: { readonly parameters: Readonly<Record<string, number>>; readonly total: number };
  readonly gguf?: { readonly total: number; readonly architecture: string; readonly context_length: number };
  /** The model card's metadata, as far as the emulator writes one (see lineage.ts). */
  readonly cardData?: EmulatedCard;
  readonly inference?: 'warm';
  readonly inferenceProviderMapping: readonly EmulatedProviderMapping[];
}

/** What a card's YAML says; a field with one value is written as a string, as card authors mostly do. */
export interface EmulatedCard {
  readonly license?: string;
  readonly language?: string | readonly string[];
  readonly datasets?: readonly string[];
  readonly base_model?: string;
  readonly base_model_relation?: string;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const STATUSES: readonly MappingStatus[] = ['live', 'staging', 'error'];
export const GATED: readonly EmulatedModel['gated'][] = [false, 'auto', 'manual'];
const DTYPES = ['F32', 'F16', 'BF16'] as const;
const MASK_TOKENS = [undefined, '<mask>', '[MASK]'] as const;
/** Context lengths a conversational mapping's details name. */
export const CONTEXT_LENGTHS = [8192, 32768, 131072, 163840, 262144] as const;

/** Strings numbered in order of first use, so a column can hold a small number instead of a string. */
export class Table {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.codes.get(value);
  }

  copyFrom(other: Table): void {
    for (const value of other.values) this.code(value);
  }
}

/**
 * Lists shared between models (tag lists, file lists), numbered like a `Table`. Generation adds lists it knows to be
 * new; only an evolution's records are looked up by content, so the content index is built on first need.
 */
export class ListTable<T> {
  readonly values: T[] = [];
  private codes: Map<string, number> | undefined;

  constructor(private readonly keyOf: (list: T) => string) {}

  add(list: T): number {
    this.codes?.set(this.keyOf(list), this.values.length);
    return this.values.push(list) - 1;
  }

  code(list: T): number {
    this.codes ??= new Map(this.values.map((value, code) => [this.keyOf(value), code]));
    return this.codes.get(this.keyOf(list)) ?? this.add(list);
  }

  copyFrom(other: ListTable<T>): void {
    for (const list of other.values) this.add(list);
  }
}

/** A typed array that grows by doubling while it is written. */
type Typed = Uint8Array | Uint16Array | Uint32Array | Int16Array | Int32Array | Float64Array;
function widen<T extends Typed>(from: T, length: number, make: (length: number) => T): T {
  const to = make(length);
  to.set(from.subarray(0, Math.min(from.length, length)));
  return to;
}

/** Where a provider mapping's values live: one row per mapping, the rows of a model contiguous. */
export interface MappingColumns {
  provider: Uint8Array;
  status: Uint8Array;
  /** 0 for none, else a status code + 1. */
  previous: Uint8Array;
  task: Uint16Array;
  /** 0 for none. */
  latency: Uint16Array;
  /** 0 for none, else a `CONTEXT_LENGTHS` index + 1; prices in cents. */
  context: Uint8Array;
  inputCents: Uint16Array;
  outputCents: Uint16Array;
  idWords: Uint32Array;
}

const MAPPING_ROW = 1.3;

/**
 * A population of model repos in columns: numbers in typed arrays, repeated strings (tasks, tag lists, providers) as
 * codes into tables, ids as words. A record is materialized only when asked for, byte for byte the object the Hub
 * would list. This is what keeps a million models in a few hundred megabytes.
 *
 * Models an evolution added or edited are kept whole (`overrides`); their columns are written too, so indexes read
 * every model the same way.
 */
export class Population {
  n = 0;
  readonly ids: string[] = [];
  idWords = new Uint32Array(0);
  shaWords = new Uint32Array(0);
  createdAt = new Float64Array(0);
  lastModified = new Float64Array(0);
  gated = new Uint8Array(0);
  likes = new Float64Array(0);
  downloads = new Float64Array(0);
  downloadsAllTime = new Float64Array(0);
  /** NaN where the model has none. */
  trendingScore = new Float64Array(0);
  tagCode = new Int32Array(0);
  siblingCode = new Uint16Array(0);
  /** -1 where the model has none. */
  pipelineCode = new Int16Array(0);
  libraryCode = new Int16Array(0);
  maskCode = new Uint8Array(0);
  /** NaN where the model has no safetensors. */
  parameterTotal = new Float64Array(0);
  dtypeCode = new Uint8Array(0);
  /** NaN where the model has no GGUF weights. */
  ggufTotal = new Float64Array(0);
  ggufContext = new Uint8Array(0);
  warm = new Uint8Array(0);
  /** -1 where the model names no base model; else a code into `bases`. */
  baseCode = new Int32Array(0);
  /** 0 when only `base_model:<id>` is tagged, else a `RELATIONS` index + 1. */
  relationCode = new Uint8Array(0);
  regionCode = new Uint8Array(0);
  hasCard = new Uint8Array(0);
  /** Rows of model i's mappings: `mappingStart[i]` to `mappingStart[i + 1]`. */
  mappingStart = new Int32Array(1);
  mappingRows = 0;
  mappings: MappingColumns = emptyMappings(0);

  readonly tasks = new Table();
  readonly libraries = new Table();
  readonly providers = new Table();
  readonly bases = new Table();
  readonly tagLists = new ListTable<readonly string[]>((tags) => tags.join('\n'));
  readonly siblingLists = new ListTable<readonly { readonly rfilename: string }[]>((files) =>
    files.map((f) => f.rfilename).join('\n'),
  );
  /** Records kept whole: models an evolution added or edited. */
  readonly overrides = new Map<number, EmulatedModel>();

  /** Models there is room for without growing the columns. */
  get capacity(): number {
    return this.createdAt.length;
  }

  /** Room for `n` models and about 1.3 mappings each. */
  constructor(capacity: number) {
    this.reserve(capacity);
    this.reserveMappings(Math.ceil(capacity * MAPPING_ROW));
  }

  reserve(capacity: number): void {
    if (capacity <= this.createdAt.length) return;
    const f64 = (k: number) => new Float64Array(k);
    this.idWords = widen(this.idWords, 3 * capacity, (k) => new Uint32Array(k));
    this.shaWords = widen(this.shaWords, 5 * capacity, (k) => new Uint32Array(k));
    this.createdAt = widen(this.createdAt, capacity, f64);
    this.lastModified = widen(this.lastModified, capacity, f64);
    this.gated = widen(this.gated, capacity, (k) => new Uint8Array(k));
    this.likes = widen(this.likes, capacity, f64);
    this.downloads = widen(this.downloads, capacity, f64);
    this.downloadsAllTime = widen(this.downloadsAllTime, capacity, f64);
    this.trendingScore = widen(this.trendingScore, capacity, f64);
    this.tagCode = widen(this.tagCode, capacity, (k) => new Int32Array(k));
    this.siblingCode = widen(this.siblingCode, capacity, (k) => new Uint16Array(k));
    this.pipelineCode = widen(this.pipelineCode, capacity, (k) => new Int16Array(k));
    this.libraryCode = widen(this.libraryCode, capacity, (k) => new Int16Array(k));
    this.maskCode = widen(this.maskCode, capacity, (k) => new Uint8Array(k));
    this.parameterTotal = widen(this.parameterTotal, capacity, f64);
    this.dtypeCode = widen(this.dtypeCode, capacity, (k) => new Uint8Array(k));
    this.ggufTotal = widen(this.ggufTotal, capacity, f64);
    this.ggufContext = widen(this.ggufContext, capacity, (k) => new Uint8Array(k));
    this.warm = widen(this.warm, capacity, (k) => new Uint8Array(k));
    this.baseCode = widen(this.baseCode, capacity, (k) => new Int32Array(k));
    this.relationCode = widen(this.relationCode, capacity, (k) => new Uint8Array(k));
    this.regionCode = widen(this.regionCode, capacity, (k) => new Uint8Array(k));
    this.hasCard = widen(this.hasCard, capacity, (k) => new Uint8Array(k));
    this.mappingStart = widen(this.mappingStart, capacity + 1, (k) => new Int32Array(k));
  }

  reserveMappings(rows: number): void {
    if (rows <= this.mappings.provider.length) return;
    const m = this.mappings;
    this.mappings = {
      provider: widen(m.provider, rows, (k) => new Uint8Array(k)),
      status: widen(m.status, rows, (k) => new Uint8Array(k)),
      previous: widen(m.previous, rows, (k) => new Uint8Array(k)),
      task: widen(m.task, rows, (k) => new Uint16Array(k)),
      latency: widen(m.latency, rows, (k) => new Uint16Array(k)),
      context: widen(m.context, rows, (k) => new Uint8Array(k)),
      inputCents: widen(m.inputCents, rows, (k) => new Uint16Array(k)),
      outputCents: widen(m.outputCents, rows, (k) => new Uint16Array(k)),
      idWords: widen(m.idWords, 3 * rows, (k) => new Uint32Array(k)),
    };
  }

  /** Takes the next mapping row of the model being written (model `n - 1`). */
  addMappingRow(): number {
    if (this.mappingRows === this.mappings.provider.length) this.reserveMappings(2 * this.mappingRows + 16);
    const row = this.mappingRows++;
    this.mappingStart[this.n] = this.mappingRows;
    return row;
  }

  /** Starts model `n` (its mapping rows follow) and returns its position. */
  addModel(): number {
    // Generation reserves exactly; an evolution adds a few models, so grow by a sixteenth rather than doubling.
    if (this.n === this.createdAt.length) this.reserve(this.n + Math.max(16, this.n >> 4));
    const position = this.n++;
    this.mappingStart[this.n] = this.mappingRows;
    return position;
  }

  /** A copy that can change while this one keeps serving as it is. */
  clone(): Population {
    const copy = new Population(0);
    const columns = copy as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(this)) {
      if (ArrayBuffer.isView(value)) columns[key] = (value as Typed).slice();
    }
    copy.n = this.n;
    copy.mappingRows = this.mappingRows;
    copy.ids.push(...this.ids);
    const m = this.mappings;
    copy.mappings = Object.fromEntries(
      Object.entries(m).map(([key, column]) => [key, (column as Typed).slice()]),
    ) as unknown as MappingColumns;
    for (const key of ['tasks', 'libraries', 'providers', 'bases'] as const) copy[key].copyFrom(this[key]);
    copy.tagLists.copyFrom(this.tagLists);
    copy.siblingLists.copyFrom(this.siblingLists);
    for (const [i, record] of this.overrides) copy.overrides.set(i, record);
    return copy;
  }

  /** A day of counts for model `i` (see `driftCounts`), in its columns and in its record if it is kept whole. */
  drift(i: number, random: Random): void {
    const counts = driftCounts(
      {
        likes: this.likes[i] as number,
        downloads: this.downloads[i] as number,
        downloadsAllTime: this.downloadsAllTime[i] as number,
        trendingScore: this.trendingScore[i] as number,
      },
      random,
    );
    this.likes[i] = counts.likes;
    this.downloads[i] = counts.downloads;
    this.downloadsAllTime[i] = counts.downloadsAllTime;
    this.trendingScore[i] = counts.trendingScore;
    const kept = this.overrides.get(i);
    if (!kept) return;
    const { trendingScore, ...numbers } = counts;
    this.overrides.set(i, { ...kept, ...numbers, ...(trendingScore === trendingScore ? { trendingScore } : {}) });
  }

  /** The listed record at a position, materialized from the columns unless it is kept whole. */
  record(i: number): EmulatedModel {
    return this.overrides.get(i) ?? this.materialize(i);
  }

  /** Keeps `record` whole at position `i` and writes its columns; `i` may be the next position. */
  write(i: number, record: EmulatedModel): void {
    if (i === this.n) this.addModel();
    this.overrides.set(i, record);
    this.ids[i] = record.id;
    parseHexWords(record._id, this.idWords, 3 * i, 3);
    this.createdAt[i] = Date.parse(record.createdAt);
    this.lastModified[i] = Date.parse(record.lastModified);
    this.gated[i] = GATED.indexOf(record.gated);
    this.likes[i] = record.likes;
    this.downloads[i] = record.downloads;
    this.downloadsAllTime[i] = record.downloadsAllTime;
    this.trendingScore[i] = record.trendingScore ?? NaN;
    this.tagCode[i] = this.tagLists.code(record.tags.filter((tag) => !isLineageTag(tag)));
    const lineage = lineageOfTags(record.tags);
    this.baseCode[i] = lineage.base === undefined ? -1 : this.bases.code(lineage.base);
    this.relationCode[i] = lineage.relationCode;
    this.regionCode[i] = lineage.regionCode;
    this.hasCard[i] = record.cardData === undefined ? 0 : 1;
    this.ggufTotal[i] = record.gguf?.total ?? NaN;
    this.pipelineCode[i] = record.pipeline_tag === undefined ? -1 : this.tasks.code(record.pipeline_tag);
    this.libraryCode[i] = record.library_name === undefined ? -1 : this.libraries.code(record.library_name);
    this.parameterTotal[i] = record.safetensors?.total ?? NaN;
    for (const mapping of record.inferenceProviderMapping) this.providers.code(mapping.provider);
  }

  /** (provider code, status code) of each of a model's mappings. */
  mappingCodes(i: number): [provider: number, status: number][] {
    const kept = this.overrides.get(i);
    if (kept) {
      return kept.inferenceProviderMapping.map((m) => [this.providers.code(m.provider), STATUSES.indexOf(m.status)]);
    }
    const codes: [number, number][] = [];
    for (let row = this.mappingStart[i] as number; row < (this.mappingStart[i + 1] as number); row++) {
      codes.push([this.mappings.provider[row] as number, this.mappings.status[row] as number]);
    }
    return codes;
  }

  /** Whether any of a model's mappings is for `task`, read from the columns (no record is built). */
  mapsTask(i: number, task: string): boolean {
    const kept = this.overrides.get(i);
    if (kept) return kept.inferenceProviderMapping.some((m) => m.task === task);
    const code = this.tasks.find(task);
    if (code === undefined) return false;
    for (let row = this.mappingStart[i] as number; row < (this.mappingStart[i + 1] as number); row++) {
      if (this.mappings.task[row] === code) return true;
    }
    return false;
  }

  private materialize(i: number): EmulatedModel {
    const id = this.ids[i] as string;
    const owner = id.slice(0, id.indexOf('/'));
    const record: Mutable<EmulatedModel> = {
      _id: hexOfWords(this.idWords, 3 * i, 3),
      id,
      author: owner,
      sha: hexOfWords(this.shaWords, 5 * i, 5),
      createdAt: new Date(this.createdAt[i] as number).toISOString(),
      lastModified: new Date(this.lastModified[i] as number).toISOString(),
      private: false,
      gated: GATED[this.gated[i] as number] as EmulatedModel['gated'],
      disabled: false,
      likes: this.likes[i] as number,
      downloads: this.downloads[i] as number,
      downloadsAllTime: this.downloadsAllTime[i] as number,
      tags: [...this.sharedTags(i), ...this.lineageTags(i)],
      siblings: this.siblingLists.values[this.siblingCode[i] as number] as EmulatedModel['siblings'],
      inferenceProviderMapping: [],
    };
    this.describe(i, record);
    record.inferenceProviderMapping = this.materializeMappings(i, id, owner);
    return record;
  }

  /** The optional fields, in the Hub's order, only where the model has them. */
  private describe(i: number, record: Mutable<EmulatedModel>): void {
    const trending = this.trendingScore[i] as number;
    if (trending === trending) record.trendingScore = trending;
    const task = this.pipelineCode[i] as number;
    if (task >= 0) record.pipeline_tag = this.tasks.values[task];
    const library = this.libraryCode[i] as number;
    if (library >= 0) record.library_name = this.libraries.values[library];
    const mask = MASK_TOKENS[this.maskCode[i] as number];
    if (mask !== undefined) record.mask_token = mask;
    const total = this.parameterTotal[i] as number;
    if (total === total) record.safetensors = { parameters: parametersOf(this.dtypeCode[i] as number, total), total };
    const gguf = this.ggufTotal[i] as number;
    if (gguf === gguf) {
      const context_length = GGUF_CONTEXT_LENGTHS[this.ggufContext[i] as number] as number;
      record.gguf = { total: gguf, architecture: architectureOf(record.id), context_length };
    }
    if (this.hasCard[i] === 1) record.cardData = this.card(i);
    if (this.warm[i] === 1) record.inference = 'warm';
  }

  /** The tag list model `i` shares with others: everything but its lineage's tags. */
  sharedTags(i: number): readonly string[] {
    return this.tagLists.values[this.tagCode[i] as number] as readonly string[];
  }

  /** The base-model and region tags of model `i`, which follow its shared tags. */
  lineageTags(i: number): string[] {
    const base = this.baseCode[i] as number;
    return lineageTags(
      base < 0 ? undefined : this.bases.values[base],
      this.relationCode[i] as number,
      this.regionCode[i] as number,
    );
  }

  /** The card metadata the shared tags and the lineage state, as a card author writes it. */
  private card(i: number): EmulatedCard {
    const shared = this.sharedTags(i);
    const card: Mutable<EmulatedCard> = {};
    const license = shared.find((tag) => tag.startsWith('license:'));
    if (license !== undefined) card.license = license.slice('license:'.length);
    const languages = shared.filter((tag) => LANGUAGES.has(tag));
    if (languages.length > 0) card.language = languages.length === 1 ? languages[0] : languages;
    const datasets = shared.filter((tag) => tag.startsWith('dataset:')).map((tag) => tag.slice('dataset:'.length));
    if (datasets.length > 0) card.datasets = datasets;
    const base = this.baseCode[i] as number;
    if (base >= 0) {
      card.base_model = this.bases.values[base];
      const relation = RELATIONS[(this.relationCode[i] as number) - 1];
      // Cards name the relation when it is not the default, a finetune.
      if (relation !== undefined && relation !== 'finetune') card.base_model_relation = relation;
    }
    return card;
  }

  private materializeMappings(i: number, id: string, owner: string): EmulatedProviderMapping[] {
    const mappings: EmulatedProviderMapping[] = [];
    const end = this.mappingStart[i + 1] as number;
    for (let row = this.mappingStart[i] as number; row < end; row++) {
      mappings.push(mappingRecord(this.mappings, row, this, id, owner));
    }
    return mappings;
  }
}

function emptyMappings(rows: number): MappingColumns {
  return {
    provider: new Uint8Array(rows),
    status: new Uint8Array(rows),
    previous: new Uint8Array(rows),
    task: new Uint16Array(rows),
    latency: new Uint16Array(rows),
    context: new Uint8Array(rows),
    inputCents: new Uint16Array(rows),
    outputCents: new Uint16Array(rows),
    idWords: new Uint32Array(3 * rows),
  };
}

/** The GGUF architecture name a repo's weights would carry, from the family its name shows. */
function architectureOf(id: string): string {
  const name = id.toLowerCase();
  return name.includes('qwen') ? 'qwen3' : name.includes('gemma') ? 'gemma3' : name.includes('phi') ? 'phi3' : 'llama';
}

/** Literal keys: a computed key sends every record down V8's slow path. */
function parametersOf(dtype: number, total: number): Record<string, number> {
  const name = DTYPES[dtype];
  return name === 'F32' ? { F32: total } : name === 'F16' ? { F16: total } : { BF16: total };
}

export function dtypeCodeOf(dtype: (typeof DTYPES)[number]): number {
  return DTYPES.indexOf(dtype);
}

export function maskCodeOf(token: '<mask>' | '[MASK]'): number {
  return MASK_TOKENS.indexOf(token);
}

/** A mapping row as the Hub lists it; the provider's id for the model and the author flag follow from the id. */
export function mappingRecord(
  columns: MappingColumns,
  row: number,
  tables: { providers: Table; tasks: Table },
  id: string,
  owner: string,
): EmulatedProviderMapping {
  const provider = tables.providers.values[columns.provider[row] as number] as string;
  const mapping: Partial<Mutable<EmulatedProviderMapping>> = {
    _id: hexOfWords(columns.idWords, 3 * row, 3),
    provider,
    providerId: providerIdFor(provider, owner, id.slice(owner.length + 1), id),
    status: STATUSES[columns.status[row] as number],
  };
  const previous = columns.previous[row] as number;
  if (previous > 0) mapping.previousStatus = STATUSES[previous - 1];
  mapping.task = tables.tasks.values[columns.task[row] as number];
  const latency = columns.latency[row] as number;
  if (latency > 0) mapping.performance = { requestLatencyMs: latency };
  const context = columns.context[row] as number;
  if (context > 0) {
    mapping.providerDetails = {
      context_length: CONTEXT_LENGTHS[context - 1] as number,
      pricing: { input: (columns.inputCents[row] as number) / 100, output: (columns.outputCents[row] as number) / 100 },
    };
  }
  mapping.type = 'single-model';
  mapping.isModelAuthor = owner.toLowerCase() === provider;
  return mapping as EmulatedProviderMapping;
}

/**
 * A day of counts: 30-day downloads wander, all-time downloads grow by a day's worth, likes mostly grow, trending
 * scores wander (NaN, none, stays none). Nothing a catalog routes on changes, so evolutions report drift as a count.
 */
export function driftCounts(
  counts: { likes: number; downloads: number; downloadsAllTime: number; trendingScore: number },
  random: Random,
): { likes: number; downloads: number; downloadsAllTime: number; trendingScore: number } {
  const downloads = Math.max(0, Math.round(counts.downloads * Math.exp(0.1 * random.normal())));
  const likes = Math.max(0, counts.likes + Math.round((0.01 * counts.likes + 0.5) * (random.next() * 2 - 0.3)));
  const trending = counts.trendingScore;
  return {
    likes,
    downloads,
    // All-time downloads include the last 30 days', whatever the window did.
    downloadsAllTime: Math.max(counts.downloadsAllTime + Math.round(downloads / 30), downloads),
    trendingScore: trending === trending ? Math.round(trending * Math.exp(0.2 * random.normal()) * 10) / 10 : NaN,
  };
}

/** How each provider names a Hub model in its own catalog. */
export function providerIdFor(provider: string, owner: string, name: string, id: string): string {
  const lower = name.toLowerCase();
  switch (provider) {
    case 'fireworks-ai':
      return `accounts/fireworks/models/${lower.replaceAll('.', 'p')}`;
    case 'novita':
      return id.toLowerCase();
    case 'groq':
    case 'cerebras':
      return lower;
    case 'sambanova':
      return name;
    case 'replicate':
      return `${owner.toLowerCase()}/${lower}`;
    case 'fal-ai':
      return `fal-ai/${lower}`;
    case 'nebius':
      return `${id}-fast`;
    default:
      return id;
  }
}
