import { compareIds, type GatedMode, type Model, type ProviderMapping } from './model.ts';

/** Distinct strings of one column, each stored once and referred to by its code. */
class Dictionary {
  readonly values: string[] = [];
  readonly #codes = new Map<string, number>();

  code(value: string): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.#codes.set(value, code);
    }
    return code;
  }

  codeOf(value: string): number {
    return this.#codes.get(value) ?? NONE;
  }
}

/** Code of an absent value in a dictionary column, and `NaN` stands for an absent number. */
const NONE = -1;

/** The columns whose strings are kept once, in a dictionary. */
export type DictionaryColumn = 'author' | 'pipelineTag' | 'libraryName' | 'tag' | 'provider' | 'status' | 'task';
const GATED_CODES: readonly (GatedMode | null)[] = [null, 'auto', 'manual'];

const orNaN = (value: number | null): number => (value === null ? Number.NaN : value);
const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);
const timestamp = (iso: string | null): number => (iso === null ? Number.NaN : Date.parse(iso));

/**
 * The models of one snapshot, column by column: numbers in typed arrays, repeated strings (authors, tasks, libraries,
 * tags, providers) once in a dictionary, rows sorted by id. A million `Model` objects cost gigabytes of heap; this
 * costs a few hundred bytes per model, and a `Model` is made only for the rows a request returns. Immutable once
 * built, so anything derived from it (indexes, counts) can be kept beside it for its whole life.
 *
 * Timestamps are kept as instants: a row gives them back in the ISO form the Hub uses
 * (`2025-11-04T08:25:31.000Z`); one that does not parse reads back as absent.
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
  /** The row's mappings are entries `mappingStart[row]` up to `mappingStart[row + 1]` of the mapping columns. */
  readonly mappingStart: Uint32Array;
  readonly mappingProvider: Int32Array;
  readonly mappingStatus: Int32Array;
  readonly mappingTask: Int32Array;
  /** A `providerId` that repeats the model id (hf-inference's usual case) is not stored twice. */
  readonly #mappingProviderIds: (string | null)[];
  readonly #mappingSameId: Uint8Array;
  readonly #hubIds: (string | null)[];
  readonly #foundBy: Int32Array;
  readonly #foundByLists: readonly (readonly string[])[];
  /** Set when every url is `<base>/<id>`; otherwise each row keeps its own. */
  readonly #urlBase: string | null;
  readonly #urls: readonly string[] | null;
  readonly #dictionaries: Readonly<Record<DictionaryColumn, Dictionary>>;
  #rowById: Map<string, number> | null = null;

  /** Builds a table from models with distinct ids, in any order; rows are sorted by id. */
  static from(models: Iterable<Model>): ModelTable {
    return new ModelTable([...models].sort((a, b) => compareIds(a.id, b.id)));
  }

  private constructor(sorted: readonly Model[]) {
    const n = sorted.length;
    this.size = n;
    const dictionaries = {
      author: new Dictionary(),
      pipelineTag: new Dictionary(),
      libraryName: new Dictionary(),
      tag: new Dictionary(),
      provider: new Dictionary(),
      status: new Dictionary(),
      task: new Dictionary(),
    };
    this.#dictionaries = dictionaries;
    const code = (dictionary: Dictionary, value: string | null) => (value === null ? NONE : dictionary.code(value));

    this.ids = sorted.map((model) => model.id);
    this.#hubIds = sorted.map((model) => model.hubId);
    this.downloads = Float64Array.from(sorted, (model) => model.downloads);
    this.likes = Float64Array.from(sorted, (model) => model.likes);
    this.trendingScore = Float64Array.from(sorted, (model) => orNaN(model.trendingScore));
    this.createdAt = Float64Array.from(sorted, (model) => timestamp(model.createdAt));
    this.lastModified = Float64Array.from(sorted, (model) => timestamp(model.lastModified));
    this.parameterCount = Float64Array.from(sorted, (model) => orNaN(model.parameterCount));
    this.gated = Uint8Array.from(sorted, (model) => GATED_CODES.indexOf(model.gated));
    this.private = Uint8Array.from(sorted, (model) => (model.private ? 1 : 0));
    this.author = Int32Array.from(sorted, (model) => code(dictionaries.author, model.author));
    this.pipelineTag = Int32Array.from(sorted, (model) => code(dictionaries.pipelineTag, model.pipelineTag));
    this.libraryName = Int32Array.from(sorted, (model) => code(dictionaries.libraryName, model.libraryName));

    this.tagStart = offsets(sorted, (model) => model.tags.length);
    this.tagCodes = Int32Array.from(
      sorted.flatMap((model) => model.tags),
      (tag) => dictionaries.tag.code(tag),
    );

    const mappings = mappingColumns(sorted, dictionaries);
    this.mappingStart = mappings.start;
    this.mappingProvider = mappings.provider;
    this.mappingStatus = mappings.status;
    this.mappingTask = mappings.task;
    this.#mappingProviderIds = mappings.providerIds;
    this.#mappingSameId = mappings.sameId;

    const foundBy = foundByColumn(sorted);
    this.#foundBy = foundBy.codes;
    this.#foundByLists = foundBy.lists;

    this.#urlBase = commonUrlBase(sorted);
    this.#urls = this.#urlBase === null ? sorted.map((model) => model.url) : null;
  }

  /** The model in `row` (0-based, in id order), made afresh: callers may keep or change it. */
  model(row: number): Model {
    if (!Number.isInteger(row) || row < 0 || row >= this.size) throw new RangeError(`no row ${row} in ${this.size}`);
    const id = this.ids[row]!;
    const slash = id.indexOf('/');
    const tags: string[] = [];
    for (let i = this.tagStart[row]!; i < this.tagStart[row + 1]!; i++)
      tags.push(this.value('tag', this.tagCodes[i]!)!);
    return {
      id,
      author: this.value('author', this.author[row]!),
      name: slash >= 0 ? id.slice(slash + 1) : id,
      pipelineTag: this.value('pipelineTag', this.pipelineTag[row]!),
      libraryName: this.value('libraryName', this.libraryName[row]!),
      tags,
      downloads: this.downloads[row]!,
      likes: this.likes[row]!,
      trendingScore: orNull(this.trendingScore[row]!),
      createdAt: isoOrNull(this.createdAt[row]!),
      lastModified: isoOrNull(this.lastModified[row]!),
      gated: GATED_CODES[this.gated[row]!] ?? null,
      private: this.private[row] === 1,
      parameterCount: orNull(this.parameterCount[row]!),
      providers: this.mappings(row),
      hubId: this.#hubIds[row] ?? null,
      foundBy: [...this.#foundByLists[this.#foundBy[row]!]!],
      url: this.#urlBase === null ? this.#urls![row]! : `${this.#urlBase}/${id}`,
    };
  }

  /** The row holding `id`, or -1. */
  rowOf(id: string): number {
    this.#rowById ??= new Map(this.ids.map((rowId, row) => [rowId, row]));
    return this.#rowById.get(id) ?? NONE;
  }

  /** The model with `id`, or null. */
  find(id: string): Model | null {
    const row = this.rowOf(id);
    return row === NONE ? null : this.model(row);
  }

  *[Symbol.iterator](): Iterator<Model> {
    for (let row = 0; row < this.size; row++) yield this.model(row);
  }

  /** Every model as a plain object, in id order: the form snapshots are stored and sent in. */
  toJSON(): Model[] {
    return [...this];
  }

  /** The distinct values of a dictionary column, indexed by code. */
  dictionary(column: DictionaryColumn): readonly string[] {
    return this.#dictionaries[column].values;
  }

  /** The code of `value` in a dictionary column, or -1 when no row has it. */
  codeOf(column: DictionaryColumn, value: string): number {
    return this.#dictionaries[column].codeOf(value);
  }

  /** The string a code stands for in a dictionary column; null for the absent code -1. */
  value(column: DictionaryColumn, valueCode: number): string | null {
    return valueCode === NONE ? null : this.#dictionaries[column].values[valueCode]!;
  }

  /** The provider mappings of the model in `row`, made afresh. */
  mappings(row: number): ProviderMapping[] {
    const out: ProviderMapping[] = [];
    for (let i = this.mappingStart[row]!; i < this.mappingStart[row + 1]!; i++) {
      out.push({
        provider: this.value('provider', this.mappingProvider[i]!)!,
        providerId: this.#mappingSameId[i] === 1 ? this.ids[row]! : this.#mappingProviderIds[i]!,
        status: this.value('status', this.mappingStatus[i]!)!,
        task: this.value('task', this.mappingTask[i]!),
      });
    }
    return out;
  }
}

/** Every row's provider mappings, flattened into columns. */
function mappingColumns(sorted: readonly Model[], dictionaries: Record<DictionaryColumn, Dictionary>) {
  const flat = sorted.flatMap((model) => model.providers.map((mapping) => ({ model, mapping })));
  return {
    start: offsets(sorted, (model) => model.providers.length),
    provider: Int32Array.from(flat, ({ mapping }) => dictionaries.provider.code(mapping.provider)),
    status: Int32Array.from(flat, ({ mapping }) => dictionaries.status.code(mapping.status)),
    task: Int32Array.from(flat, ({ mapping }) => (mapping.task === null ? NONE : dictionaries.task.code(mapping.task))),
    providerIds: flat.map(({ model, mapping }) => (mapping.providerId === model.id ? null : mapping.providerId)),
    sameId: Uint8Array.from(flat, ({ model, mapping }) => (mapping.providerId === model.id ? 1 : 0)),
  };
}

/** `foundBy` lists repeat across rows (a few combinations of sorts and parts): each distinct list is kept once. */
function foundByColumn(sorted: readonly Model[]): { codes: Int32Array; lists: readonly (readonly string[])[] } {
  const codeByKey = new Map<string, number>();
  const lists: (readonly string[])[] = [];
  const codes = Int32Array.from(sorted, (model) => {
    const key = JSON.stringify(model.foundBy);
    let listCode = codeByKey.get(key);
    if (listCode === undefined) {
      listCode = lists.push(Object.freeze([...model.foundBy])) - 1;
      codeByKey.set(key, listCode);
    }
    return listCode;
  });
  return { codes, lists };
}

/** Start offsets of each row's run in a flattened column, plus the end: `counts` summed as they go. */
function offsets(models: readonly Model[], count: (model: Model) => number): Uint32Array {
  const starts = new Uint32Array(models.length + 1);
  models.forEach((model, row) => {
    starts[row + 1] = starts[row]! + count(model);
  });
  return starts;
}

function isoOrNull(ms: number): string | null {
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The base all urls share as `<base>/<id>`, or null when some url does not follow it. */
function commonUrlBase(models: readonly Model[]): string | null {
  const first = models[0];
  if (first === undefined) return '';
  if (!first.url.endsWith(`/${first.id}`)) return null;
  const base = first.url.slice(0, first.url.length - first.id.length - 1);
  return models.every((model) => model.url === `${base}/${model.id}`) ? base : null;
}
