import type { EmulatedModel } from './population.ts';

/** The sort names the Hub accepts; `_id` is the emulator's order when no sort is given. */
export const SORT_KEYS = ['likes', 'downloads', 'trendingScore', 'createdAt', 'lastModified', 'likes30d'] as const;
export type SortKey = (typeof SORT_KEYS)[number] | '_id';

// The Hub's own field lists, kept apart from the client's on purpose: the emulator must not learn the protocol from
// hubcat's code, or a mistake in one would hide in both.
// jscpd:ignore-start
export const DEFAULT_FIELDS = [
  '_id',
  'id',
  'likes',
  'trendingScore',
  'private',
  'downloads',
  'tags',
  'pipeline_tag',
  'library_name',
  'createdAt',
  'modelId',
] as const;
export const FULL_FIELDS = [
  ...DEFAULT_FIELDS,
  'author',
  'sha',
  'lastModified',
  'gated',
  'disabled',
  'siblings',
] as const;
export const EXPANDABLE_FIELDS = [
  'author',
  'cardData',
  'config',
  'createdAt',
  'disabled',
  'downloads',
  'downloadsAllTime',
  'evalResults',
  'gated',
  'gguf',
  'inference',
  'inferenceProviderMapping',
  'lastModified',
  'library_name',
  'likes',
  'mask_token',
  'model-index',
  'pipeline_tag',
  'private',
  'resourceGroup',
  'safetensors',
  'sha',
  'siblings',
  'spaces',
  'tags',
  'transformersInfo',
  'trendingScore',
  'widgetData',
] as const;
// jscpd:ignore-end
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
  constructor(
    readonly status: number,
    message: string,
  ) {
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

function parseSort(params: Params): SortKey {
  const sort = params.get('sort');
  if (sort === null) return '_id';
  if (!(SORT_KEYS as readonly string[]).includes(sort))
    throw new ListingError(400, `✖ Invalid sort parameter: ${sort}`);
  return sort as SortKey;
}

/** The item fields: default, `full`, or `_id`, `id` and the `expand` list, which excludes the other three. */
function parseFields(params: Params): readonly string[] {
  const expand = [...params.getAll('expand'), ...params.getAll('expand[]')];
  const fields: readonly string[] = isTrue(params.get('full')) ? FULL_FIELDS : DEFAULT_FIELDS;
  if (expand.length === 0) {
    const extra = ['config', 'cardData'].filter((name) => isTrue(params.get(name)));
    return extra.length > 0 ? [...fields, ...extra] : fields;
  }
  for (const name of ['full', 'config', 'cardData']) {
    if (isTrue(params.get(name))) throw new ListingError(400, `"expand" cannot be combined with "${name}"`);
  }
  expand.forEach((field, i) => {
    if (!EXPANDABLE.has(field)) {
      throw new ListingError(400, `"expand[${i}]" must be one of [${EXPANDABLE_FIELDS.join(', ')}]`);
    }
  });
  return ['_id', 'id', ...new Set(expand)];
}

function parseLimit(params: Params): number {
  const limit = first(params, 'limit');
  if (limit === undefined) return MAX_LIMIT;
  const parsed = Number(limit);
  if (!Number.isFinite(parsed)) throw new ListingError(400, `Invalid limit: ${limit}`);
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(parsed)));
}

/** Every value of a repeatable parameter, each split on commas. */
function listValues(params: Params, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Reads the query string the way the Hub does; throws `ListingError` for what the Hub rejects. */
export function parseListingQuery(params: Params): ListingQuery {
  const sort = parseSort(params);
  const fields = parseFields(params);
  const limit = parseLimit(params);
  const providers = listValues(params, 'inference_provider');
  const gated = first(params, 'gated')?.toLowerCase();
  const parameters = first(params, 'num_parameters');
  return {
    sort,
    limit,
    cursor: first(params, 'cursor'),
    search: first(params, 'search')?.toLowerCase(),
    author: first(params, 'author')?.toLowerCase(),
    tags: listValues(params, 'filter'),
    pipelineTag: first(params, 'pipeline_tag'),
    library: first(params, 'library'),
    providers: providers.length === 0 ? undefined : providers.includes('all') ? 'all' : providers,
    gated: gated === 'true' ? true : gated === 'false' ? false : undefined,
    parameters: parameters === undefined ? undefined : parseParameters(parameters),
    fields,
  };
}

/** Position of a page boundary: the last item's sort value and `_id`. */
export interface CursorPosition {
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
  const valid =
    value === null ||
    (isDate
      ? typeof value === 'string' && !Number.isNaN(Date.parse(value))
      : typeof value === 'number' && Number.isFinite(value));
  if (!valid) throw invalid;
  return { sort, value: value as number | string | null, _id };
}

/** A model's value for a sort key; NaN when missing (sorted last). */
export function sortValue(model: EmulatedModel, key: SortKey): number {
  switch (key) {
    case 'likes':
      return model.likes;
    case 'downloads':
      return model.downloads;
    case 'trendingScore':
      return model.trendingScore ?? NaN;
    case 'createdAt':
      return Date.parse(model.createdAt);
    case 'lastModified':
      return Date.parse(model.lastModified);
    case 'likes30d':
      return likes30d(model);
    case '_id':
      return NaN;
  }
}

/**
 * Likes gained in the last 30 days. The Hub does not list it, so it is derived from the record (trending score and a
 * digit of the `_id`) to stay deterministic without another stored field.
 */
export function likes30d(model: EmulatedModel): number {
  return Math.round((model.trendingScore ?? 0) * 3) + (parseInt(model._id.slice(-3, -2), 16) % 5);
}

export function cursorValue(model: EmulatedModel, key: SortKey): number | string | null {
  switch (key) {
    case 'createdAt':
      return model.createdAt;
    case 'lastModified':
      return model.lastModified;
    case '_id':
      return null;
    default: {
      const value = sortValue(model, key);
      return Number.isNaN(value) ? null : value;
    }
  }
}

/**
 * How `inferenceProviderMapping` is written: `array` as listings send it today, or `object`, keyed by provider, as the
 * model endpoint and older listings did (each value the entry without its `provider`).
 */
export type MappingShape = 'array' | 'object';

/** The item as listed: only the requested fields that the model has, in order; `modelId` mirrors `id`. */
export function project(
  model: EmulatedModel,
  fields: readonly string[],
  mappingShape: MappingShape = 'array',
): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const record = model as unknown as Record<string, unknown>;
  for (const field of fields) {
    const value = field === 'modelId' ? model.id : record[field];
    if (value !== undefined && value !== null) item[field] = value;
  }
  if (mappingShape === 'object' && item.inferenceProviderMapping !== undefined) {
    item.inferenceProviderMapping = Object.fromEntries(
      model.inferenceProviderMapping.map(({ provider, ...entry }) => [provider, entry]),
    );
  }
  return item;
}
