import { HubUsageError } from './errors.ts';

/** The sort keys `/api/models` accepts; sorting is always descending and anything else is a 400. */
export const HUB_SORT_KEYS = ['likes', 'downloads', 'trendingScore', 'createdAt', 'lastModified', 'likes30d'] as const;
export type HubSortKey = (typeof HUB_SORT_KEYS)[number];

/** The fields a listing can `expand[]`; an unknown one is a 400. */
export const HUB_EXPAND_FIELDS = [
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
export type HubExpandField = (typeof HUB_EXPAND_FIELDS)[number];

/** The largest page the Hub serves. */
export const HUB_MAX_PAGE_SIZE = 1000;

/** Filters and shape of a `/api/models` listing. Filters combine with AND; `limit` is the page size, not a cap. */
export interface ListModelsQuery {
  /** One provider or several (sent as one comma list, which the Hub ORs); `'all'` means served by any provider. */
  inferenceProvider?: string | string[];
  sort?: HubSortKey;
  /** Page size, 1..1000. */
  limit?: number;
  /** Return only `_id`, `id` and these fields. Exclusive with `full`. */
  expand?: HubExpandField[];
  /** Add `author`, `sha`, `lastModified`, `gated`, `disabled`, `siblings`. Exclusive with `expand`. */
  full?: boolean;
  /** Substring of the repo id. */
  search?: string;
  author?: string;
  pipelineTag?: string;
  library?: string;
  /** Tags, each sent as its own `filter` (ANDed by the Hub). */
  tags?: string[];
  /** `true` only gated models, `false` only non-gated ones. */
  gated?: boolean;
  /** Parameter-count bounds in the Hub's notation, e.g. `{ min: '6B', max: '128B' }`. */
  numParameters?: { min?: string; max?: string };
}

const sortKeys: ReadonlySet<string> = new Set(HUB_SORT_KEYS);
const expandFields: ReadonlySet<string> = new Set(HUB_EXPAND_FIELDS);

/** The query string of a listing's first page; later pages come from the `Link` header, never from here. */
export function listModelsSearchParams(query: ListModelsQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.search !== undefined) params.set('search', query.search);
  if (query.author !== undefined) params.set('author', query.author);
  for (const tag of query.tags ?? []) params.append('filter', tag);
  if (query.pipelineTag !== undefined) params.set('pipeline_tag', query.pipelineTag);
  if (query.library !== undefined) params.set('library', query.library);

  const providers = query.inferenceProvider === undefined ? [] : [query.inferenceProvider].flat();
  if (providers.some((provider) => provider === '' || provider.includes(','))) {
    throw new HubUsageError(`inferenceProvider names must be non-empty and comma-free: ${JSON.stringify(providers)}`);
  }
  if (providers.length > 0) params.set('inference_provider', providers.join(','));

  if (query.gated !== undefined) params.set('gated', String(query.gated));

  const { min, max } = query.numParameters ?? {};
  const bounds = [min === undefined ? null : `min:${min}`, max === undefined ? null : `max:${max}`].filter(
    (b) => b !== null,
  );
  if (bounds.length > 0) params.set('num_parameters', bounds.join(','));

  if (query.sort !== undefined) {
    if (!sortKeys.has(query.sort)) {
      throw new HubUsageError(
        `Unknown sort key ${JSON.stringify(query.sort)}; the Hub accepts ${HUB_SORT_KEYS.join(', ')}`,
      );
    }
    params.set('sort', query.sort);
  }

  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > HUB_MAX_PAGE_SIZE) {
      throw new HubUsageError(`limit must be an integer from 1 to ${HUB_MAX_PAGE_SIZE}, got ${query.limit}`);
    }
    params.set('limit', String(query.limit));
  }

  const expand = query.expand ?? [];
  if (query.full === true && expand.length > 0) {
    throw new HubUsageError('expand and full cannot be combined: the Hub rejects the pair');
  }
  if (query.full === true) params.set('full', 'true');
  for (const field of new Set(expand)) {
    if (!expandFields.has(field)) throw new HubUsageError(`Unknown expand field ${JSON.stringify(field)}`);
    params.append('expand[]', field);
  }
  return params;
}
