import type { EmulatedModel } from './dataset.ts';

/** The sort names the Hub accepts; `_id` is the emulator's order when no sort is given. */
export const SORT_KEYS = ['likes', 'downloads', 'trendingScore', 'createdAt', 'lastModified', 'likes30d'] as const;
export type SortKey = (typeof SORT_KEYS)[number] | '_id';

export const DEFAULT_FIELDS = ['_id', 'id', 'likes', 'trendingScore', 'private', 'downloads', 'tags', 'pipeline_tag', 'library_name', 'createdAt', 'modelId'] as const;
export const FULL_FIELDS = [...DEFAULT_FIELDS, 'author', 'sha', 'lastModified', 'gated', 'disabled', 'siblings'] as const;
export const EXPANDABLE_FIELDS = [
  'author', 'cardData', 'config', 'createdAt', 'disabled', 'downloads', 'downloadsAllTime', 'evalResults', 'gated', 'gguf',
  'inference', 'inferenceProviderMapping', 'lastModified', 'library_name', 'likes', 'mask_token', 'model-index',
  'pipeline_tag', 'private', 'resourceGroup', 'safetensors', 'sha', 'siblings', 'spaces', 'tags', 'transformersInfo',
  'trendingScore', 'widgetData',
] as const;
const EXPANDABLE = new Set<string>(EXPANDABLE_FIELDS);

export const MAX_LIMIT = 1000;

/** A parsed, validated listing request. */
export interface ListingQuery {
  sort: SortKey;
  limit: number;
  cursor: string | undefined;
  search: string | undefined;
  author: string | undefined;
  tags: string[];
  pipelineTag: string | undefined;
  library: string | undefined;
  providers: string[] | 'all' | undefined;
  gated: boolean | undefined;
  parameters: { min: number; max: number } | undefined;
  /** Fields of each item, in output order. */
  fields: readonly string[];
}

export class ListingError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Params = URLSearchParams;

function first(params: Params, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : value;
}

function isTrue(value: string | null): boolean {
  return value !== null && value.toLowerCase() !== 'false' && value !== '0';
}

const UNITS: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
function parseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMBT]?)$/i.exec(text.trim());
  if (!match) throw new ListingError(400, `Invalid num_parameters value: ${text}`);
  return Number(match[1]) * (UNITS[(match[2] ?? '').toUpperCase()] as number);
}

function parseParameters(text: string): { min: number; max: number } {
  let min = 0;
  let max = Infinity;
  for (const part of text.split(',')) {
    const [bound, value] = part.split(':');
    if (bound === 'min' && value !== undefined) min = parseCount(value);
    else if (bound === 'max' && value !== undefined) max = parseCount(value);
    else throw new ListingError(400, `Invalid num_parameters value: ${text}`);
  }
  return { min, max };
}

/** Reads the query string the way the Hub does; throws `ListingError` for what the Hub rejects. */
export function parseListingQuery(params: Params): ListingQuery {
  const sortParam = params.get('sort');
  let sort: SortKey = '_id';
  if (sortParam !== null) {
    if (!(SORT_KEYS as readonly string[]).includes(sortParam)) {
      throw new ListingError(400, `✖ Invalid sort parameter: ${sortParam}`);
    }
    sort = sortParam as SortKey;
  }

  const expand = [...params.getAll('expand'), ...params.getAll('expand[]')];
  let fields: readonly string[] = isTrue(params.get('full')) ? FULL_FIELDS : DEFAULT_FIELDS;
  if (expand.length > 0) {
    for (const name of ['full', 'config', 'cardData']) {
      if (isTrue(params.get(name))) throw new ListingError(400, `"expand" cannot be combined with "${name}"`);
    }
    expand.forEach((field, i) => {
      if (!EXPANDABLE.has(field)) {
        throw new ListingError(400, `"expand[${i}]" must be one of [${EXPANDABLE_FIELDS.join(', ')}]`);
      }
    });
    fields = ['_id', 'id', ...new Set(expand)];
  } else {
    const extra: string[] = [];
    if (isTrue(params.get('config'))) extra.push('config');
    if (isTrue(params.get('cardData'))) extra.push('cardData');
    if (extra.length > 0) fields = [...fields, ...extra];
  }

  let limit = MAX_LIMIT;
  const limitParam = first(params, 'limit');
  if (limitParam !== undefined) {
    const parsed = Number(limitParam);
    if (!Number.isFinite(parsed)) throw new ListingError(400, `Invalid limit: ${limitParam}`);
    limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(parsed)));
  }

  const providerValues = params.getAll('inference_provider').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const gatedParam = first(params, 'gated')?.toLowerCase();
  const parametersParam = first(params, 'num_parameters');

  return {
    sort,
    limit,
    cursor: first(params, 'cursor'),
    search: first(params, 'search')?.toLowerCase(),
    author: first(params, 'author')?.toLowerCase(),
    tags: params.getAll('filter').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
    pipelineTag: first(params, 'pipeline_tag'),
    library: first(params, 'library'),
    providers: providerValues.length === 0 ? undefined : providerValues.includes('all') ? 'all' : providerValues,
    gated: gatedParam === 'true' ? true : gatedParam === 'false' ? false : undefined,
    parameters: parametersParam === undefined ? undefined : parseParameters(parametersParam),
    fields,
  };
}

/** Position of a page boundary: the last item's sort value and `_id`. */
interface CursorPosition {
  sort: SortKey;
  value: number | string | null;
  _id: string;
}

/** Opaque to clients: base64url (padded) JSON of the last item's sort value and `_id`. */
export function encodeCursor(position: CursorPosition): string {
  const text = JSON.stringify(position);
  const base64url = Buffer.from(text, 'utf8').toString('base64url');
  return base64url + '='.repeat((4 - (base64url.length % 4)) % 4);
}

export function decodeCursor(cursor: string, sort: SortKey): CursorPosition {
  const invalid = new ListingError(400, 'Invalid cursor');
  if (!/^[A-Za-z0-9_\-+/]+={0,2}$/.test(cursor)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid;
  const { sort: cursorSort, value, _id } = parsed as Record<string, unknown>;
  if (cursorSort !== sort || typeof _id !== 'string' || !/^[0-9a-f]{24}$/.test(_id)) throw invalid;
  const isDate = sort === 'createdAt' || sort === 'lastModified';
  const valid = value === null
    || (isDate ? typeof value === 'string' && !Number.isNaN(Date.parse(value)) : typeof value === 'number' && Number.isFinite(value));
  if (!valid) throw invalid;
  return { sort, value: value as number | string | null, _id };
}

/** A model's value for a sort key; NaN when missing (sorted last). */
function sortValue(model: EmulatedModel, key: SortKey): number {
  switch (key) {
    case 'likes': return model.likes;
    case 'downloads': return model.downloads;
    case 'trendingScore': return model.trendingScore ?? NaN;
    case 'createdAt': return Date.parse(model.createdAt);
    case 'lastModified': return Date.parse(model.lastModified);
    case 'likes30d': return likes30d(model);
    case '_id': return NaN;
  }
}

/**
 * Likes gained in the last 30 days. The Hub does not list it, so it is derived from the record (trending score and a
 * digit of the `_id`) to stay deterministic without another stored field.
 */
export function likes30d(model: EmulatedModel): number {
  return Math.round((model.trendingScore ?? 0) * 3) + (parseInt(model._id.slice(-3, -2), 16) % 5);
}

function cursorValue(model: EmulatedModel, key: SortKey): number | string | null {
  switch (key) {
    case 'createdAt': return model.createdAt;
    case 'lastModified': return model.lastModified;
    case '_id': return null;
    default: {
      const value = sortValue(model, key);
      return Number.isNaN(value) ? null : value;
    }
  }
}

/** One presorted order: model positions by (value desc, missing last, `_id` asc), with the values alongside. */
interface SortedOrder {
  order: Int32Array;
  values: Float64Array;
}

/** Compares (value, id) keys in listing order: value descending, NaN last, then `_id` ascending. */
function compareKeys(av: number, aid: string, bv: number, bid: string): number {
  const aMissing = Number.isNaN(av);
  const bMissing = Number.isNaN(bv);
  if (aMissing !== bMissing) return aMissing ? 1 : -1;
  if (!aMissing && av !== bv) return av > bv ? -1 : 1;
  return aid < bid ? -1 : aid > bid ? 1 : 0;
}

/**
 * Presorted orders and cheap per-model lookups over one dataset, built lazily once and shared by every server that
 * serves it. A request walks an order from its cursor and filters; nothing is sorted per request.
 */
export class ListingIndex {
  private readonly orders = new Map<SortKey, SortedOrder>();
  private lowerIds: string[] | undefined;
  private authorOrdinals: Int32Array | undefined;
  private readonly authorCodes = new Map<string, number>();
  private readonly providerBits = new Map<string, number>();
  /** Per status, a bit per provider that maps the model with that status. */
  private readonly statusMasks = new Map<string, Int32Array>();
  private readonly jsonCache = new Map<readonly string[], (string | undefined)[]>();

  constructor(readonly models: readonly EmulatedModel[]) {
    const n = models.length;
    for (let i = 0; i < n; i++) {
      for (const mapping of (models[i] as EmulatedModel).inferenceProviderMapping) {
        let bit = this.providerBits.get(mapping.provider);
        if (bit === undefined) {
          if (this.providerBits.size >= 31) throw new Error('too many providers for the emulator index');
          bit = 1 << this.providerBits.size;
          this.providerBits.set(mapping.provider, bit);
        }
        let masks = this.statusMasks.get(mapping.status);
        if (!masks) this.statusMasks.set(mapping.status, (masks = new Int32Array(n)));
        masks[i] = (masks[i] as number) | bit;
      }
    }
  }

  sortedOrder(key: SortKey): SortedOrder {
    let sorted = this.orders.get(key);
    if (!sorted) {
      const models = this.models;
      const values = new Float64Array(models.length);
      for (let i = 0; i < models.length; i++) values[i] = sortValue(models[i] as EmulatedModel, key);
      const ids = models.map((m) => m._id);
      const order = Int32Array.from(models.keys());
      order.sort((a, b) => compareKeys(values[a] as number, ids[a] as string, values[b] as number, ids[b] as string));
      sorted = { order, values };
      this.orders.set(key, sorted);
    }
    return sorted;
  }

  /** Builds one predicate for a query; undefined means every model matches. */
  matcher(query: ListingQuery, providerStatuses: readonly string[]): ((i: number) => boolean) | undefined {
    const models = this.models;
    const tests: ((i: number) => boolean)[] = [];
    if (query.providers !== undefined) {
      const masks = providerStatuses.map((s) => this.statusMasks.get(s)).filter((m): m is Int32Array => m !== undefined);
      let bits = 0;
      if (query.providers === 'all') bits = -1;
      else for (const provider of query.providers) bits |= this.providerBits.get(provider) ?? 0;
      if (bits === 0 || masks.length === 0) return () => false;
      if (masks.length === 1) {
        const mask = masks[0] as Int32Array;
        tests.push((i) => ((mask[i] as number) & bits) !== 0);
      } else tests.push((i) => masks.some((mask) => ((mask[i] as number) & bits) !== 0));
    }
    if (query.author !== undefined) {
      const ordinals = this.authors();
      const code = this.authorCodes.get(query.author);
      if (code === undefined) return () => false;
      tests.push((i) => ordinals[i] === code);
    }
    if (query.pipelineTag !== undefined) {
      const task = query.pipelineTag;
      tests.push((i) => (models[i] as EmulatedModel).pipeline_tag === task);
    }
    if (query.library !== undefined) {
      const library = query.library;
      tests.push((i) => {
        const model = models[i] as EmulatedModel;
        return model.library_name === library || model.tags.includes(library);
      });
    }
    for (const tag of query.tags) tests.push((i) => (models[i] as EmulatedModel).tags.includes(tag));
    if (query.gated !== undefined) {
      const gated = query.gated;
      tests.push((i) => ((models[i] as EmulatedModel).gated !== false) === gated);
    }
    if (query.parameters !== undefined) {
      const { min, max } = query.parameters;
      tests.push((i) => {
        const total = (models[i] as EmulatedModel).safetensors?.total;
        return total !== undefined && total >= min && total <= max;
      });
    }
    if (query.search !== undefined) {
      const ids = this.ids();
      const needle = query.search;
      tests.push((i) => (ids[i] as string).includes(needle));
    }
    if (tests.length === 0) return undefined;
    if (tests.length === 1) return tests[0];
    return (i) => {
      for (const test of tests) if (!test(i)) return false;
      return true;
    };
  }

  /** Runs a query from its cursor: the page's model positions and the cursor of the next page, if any remain. */
  page(query: ListingQuery, providerStatuses: readonly string[], useCursor: boolean): { items: number[]; next: string | undefined } {
    const { order, values } = this.sortedOrder(query.sort);
    const models = this.models;
    let start = 0;
    if (useCursor && query.cursor !== undefined) {
      const position = decodeCursor(query.cursor, query.sort);
      const value = position.value === null ? NaN : typeof position.value === 'string' ? Date.parse(position.value) : position.value;
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const i = order[mid] as number;
        if (compareKeys(values[i] as number, (models[i] as EmulatedModel)._id, value, position._id) <= 0) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const matches = this.matcher(query, providerStatuses);
    const items: number[] = [];
    let more = false;
    for (let k = start; k < order.length; k++) {
      const i = order[k] as number;
      if (matches !== undefined && !matches(i)) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(i);
    }
    const last = items.at(-1);
    const next = more && last !== undefined
      ? encodeCursor({ sort: query.sort, value: cursorValue(models[last] as EmulatedModel, query.sort), _id: (models[last] as EmulatedModel)._id })
      : undefined;
    return { items, next };
  }

  /** Serialized items, cached per field list for the default and `full` projections. */
  itemJson(i: number, fields: readonly string[]): string {
    if (fields === DEFAULT_FIELDS || fields === FULL_FIELDS) {
      let cache = this.jsonCache.get(fields);
      if (!cache) this.jsonCache.set(fields, (cache = new Array<string | undefined>(this.models.length)));
      let json = cache[i];
      if (json === undefined) cache[i] = json = JSON.stringify(project(this.models[i] as EmulatedModel, fields));
      return json;
    }
    return JSON.stringify(project(this.models[i] as EmulatedModel, fields));
  }

  private ids(): string[] {
    if (!this.lowerIds) {
      this.lowerIds = this.models.map((m) => {
        const lower = m.id.toLowerCase();
        return lower === m.id ? m.id : lower;
      });
    }
    return this.lowerIds;
  }

  private authors(): Int32Array {
    if (!this.authorOrdinals) {
      const ordinals = new Int32Array(this.models.length);
      this.models.forEach((m, i) => {
        const author = m.author.toLowerCase();
        let code = this.authorCodes.get(author);
        if (code === undefined) this.authorCodes.set(author, (code = this.authorCodes.size));
        ordinals[i] = code;
      });
      this.authorOrdinals = ordinals;
    }
    return this.authorOrdinals;
  }
}

/** The item as listed: only the requested fields that the model has, in order; `modelId` mirrors `id`. */
export function project(model: EmulatedModel, fields: readonly string[]): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const record = model as unknown as Record<string, unknown>;
  for (const field of fields) {
    const value = field === 'modelId' ? model.id : record[field];
    if (value !== undefined && value !== null) item[field] = value;
  }
  return item;
}
