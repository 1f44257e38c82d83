import type { EvolvingIndex } from './evolving-index.ts';
import type { Exchange } from './exchange.ts';
import { faultFor, respondWithFault, truncated, withInvalidItem, type Fault } from './faults.ts';
import type { ListingIndex } from './listing-index.ts';
import type { EmulatedModel, EmulatedProviderMapping } from './population.ts';

export const ROUTER_PATH = '/v1/models';

/** One provider of a chat model in the router's listing. */
export interface RouterProvider {
  readonly provider: string;
  readonly status: 'live' | 'error';
  readonly context_length?: number;
  /** USD per million tokens. */
  readonly pricing?: { readonly input: number; readonly output: number };
  readonly supports_tools: boolean;
  readonly supports_structured_output: boolean;
  readonly first_token_latency_ms?: number;
  /** Tokens per second. */
  readonly throughput?: number;
  readonly is_model_author: boolean;
}

/** One entry of the router's OpenAI-style model list. */
export interface RouterModel {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
  readonly providers: readonly RouterProvider[];
}

/**
 * How the emulator plays the router's `GET /v1/models`. Pagination, authentication and error bodies of that endpoint
 * are unverified, so each is a choice here, and the defaults are only the likeliest guess.
 */
export interface RouterOptions {
  /** Entries per page; unset (the default) serves the whole list in one response, as OpenAI's model list does. */
  pageSize?: number;
  /** How pages link when `pageSize` is set: `link` (default; a `Link` header with a cursor, like the Hub) or `openai`
   * (`has_more`, `first_id`, `last_id` in the body; the client passes `after=<last_id>`). */
  pagination?: 'link' | 'openai';
  /** `optional` (default): anonymous or a valid token; `required`: 401 without a token; `none`: headers ignored. */
  auth?: 'optional' | 'required' | 'none';
  /** `openai` (default): `{"error": {"message", "type", "code"}}`; `hub`: `{"error": "..."}`. */
  errors?: 'openai' | 'hub';
  /** Failures injected into the n-th `/v1/models` request, counted apart from the Hub listing's. */
  faults?: Fault[];
}

/** Providers on dedicated inference hardware: lower first-token latency, higher throughput. */
const FAST_PROVIDERS = new Set(['groq', 'cerebras', 'sambanova']);

/** FNV-1a of the mapping's ObjectId: per-mapping figures that need no stored column and never change. */
function traitsOf(mapping: EmulatedProviderMapping): number {
  let hash = 0x811c9dc5;
  for (let c = 0; c < mapping._id.length; c++) hash = Math.imul(hash ^ mapping._id.charCodeAt(c), 16777619);
  return hash >>> 0;
}

/** The keys in the order the Hub's documentation lists them. */
function routerProvider(mapping: EmulatedProviderMapping): RouterProvider {
  const traits = traitsOf(mapping);
  const fast = FAST_PROVIDERS.has(mapping.provider);
  const live = mapping.status === 'live';
  const details = mapping.providerDetails;
  return {
    provider: mapping.provider,
    status: live ? 'live' : 'error',
    ...(details ? { context_length: details.context_length, pricing: { ...details.pricing } } : {}),
    supports_tools: traits % 100 < 80,
    supports_structured_output: (traits >>> 8) % 100 < 60,
    ...(live
      ? {
          first_token_latency_ms: Math.round((150 + ((traits >>> 12) % 1200)) / (fast ? 4 : 1)),
          throughput: Math.round((25 + ((traits >>> 20) % 150)) * (fast ? 8 : 1)),
        }
      : {}),
    is_model_author: mapping.isModelAuthor,
  };
}

/**
 * The router's entry for a model: its chat (`conversational`) mappings that are live or failing, in mapping order.
 * Staging mappings are not routable, so the router does not list them.
 */
function routerModel(model: EmulatedModel): RouterModel | undefined {
  const routable = model.inferenceProviderMapping.filter(
    (m) => m.task === 'conversational' && (m.status === 'live' || m.status === 'error'),
  );
  if (routable.length === 0) return undefined;
  return {
    id: model.id,
    object: 'model',
    created: Math.floor(Date.parse(model.createdAt) / 1000),
    owned_by: model.author,
    providers: routable.map(routerProvider),
  };
}

interface RouterPage {
  entries: readonly RouterModel[];
  hasMore: boolean;
  next: ((exchange: Exchange) => string) | undefined;
}

const cache = new WeakMap<ListingIndex, { version: number; models: readonly RouterModel[] }>();

/** Every router entry of the population now, ordered by model id. */
export function routerModels(index: ListingIndex): readonly RouterModel[] {
  const cached = cache.get(index);
  if (cached?.version === index.version) return cached.models;
  const models = index
    .mappingTask('conversational')
    .map(routerModel)
    .filter((entry) => entry !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  cache.set(index, { version: index.version, models });
  return models;
}

/** Serves `GET /v1/models` with the configured (unverified) choices; see `RouterOptions`. */
export class RouterEndpoint {
  faults: Fault[];
  private requests = 0;

  constructor(
    private readonly options: RouterOptions,
    private readonly settings: {
      readonly dataset: EvolvingIndex;
      readonly tokens: ReadonlySet<string> | undefined;
      readonly fallbackHost: string;
    },
  ) {
    this.faults = options.faults ?? [];
  }

  resetCount(): void {
    this.requests = 0;
  }

  serve(exchange: Exchange): void {
    const fault = faultFor(this.faults, ++this.requests);
    if (fault && respondWithFault(exchange, fault)) return;
    const refusal = this.refusal(exchange);
    if (refusal) {
      this.fail(exchange, ...refusal);
      return;
    }
    const page = this.page(exchange.url.searchParams);
    if (typeof page === 'string') {
      this.fail(exchange, 400, page, 'invalid_request_error');
      return;
    }
    exchange.send(200, this.body(page, fault), page.next === undefined ? {} : { Link: page.next(exchange) });
  }

  private refusal(exchange: Exchange): [status: number, message: string, type: string] | undefined {
    const auth = this.options.auth ?? 'optional';
    const authorization = exchange.req.headers.authorization;
    const token = authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const tokens = this.settings.tokens;
    const known = token !== undefined && (tokens === undefined || tokens.has(token));
    if (auth === 'required' && !known) return [401, 'Invalid or missing credentials', 'authentication_error'];
    if (auth === 'optional' && authorization !== undefined && !known) {
      return [401, 'Invalid credentials in Authorization header', 'authentication_error'];
    }
    const method = exchange.entry.method;
    if (method !== 'GET' && method !== 'HEAD') return [405, `Method ${method} not allowed`, 'invalid_request_error'];
    return undefined;
  }

  private fail(exchange: Exchange, status: number, message: string, type: string): void {
    if ((this.options.errors ?? 'openai') === 'hub') exchange.fail(status, message);
    else exchange.send(status, JSON.stringify({ error: { message, type, code: status } }));
  }

  /** This request's slice of the list (keyset after the last id seen), or the message of a 400. */
  private page(params: URLSearchParams): RouterPage | string {
    const all = routerModels(this.settings.dataset.current);
    const size = this.options.pageSize;
    if (size === undefined) return { entries: all, hasMore: false, next: undefined };
    const openai = this.options.pagination === 'openai';
    const after = openai ? params.get('after') : decodeRouterCursor(params.get('cursor'));
    if (after === undefined) return 'Invalid cursor';
    const found = after === null ? 0 : all.findIndex((entry) => entry.id > after);
    const start = found === -1 ? all.length : found;
    const entries = all.slice(start, start + size);
    const hasMore = start + size < all.length;
    const last = entries.at(-1)?.id;
    if (openai || !hasMore || last === undefined) return { entries, hasMore, next: undefined };
    return { entries, hasMore, next: (exchange: Exchange) => `<${this.nextUrl(exchange, last)}>; rel="next"` };
  }

  private nextUrl(exchange: Exchange, lastId: string): string {
    const params = new URLSearchParams(exchange.url.searchParams);
    params.set('cursor', Buffer.from(lastId, 'utf8').toString('base64url'));
    return `http://${exchange.req.headers.host ?? this.settings.fallbackHost}${exchange.path}?${params.toString()}`;
  }

  private body(page: RouterPage, fault: Fault | undefined): string {
    const paged = this.options.pageSize !== undefined && this.options.pagination === 'openai';
    const extra = paged
      ? { has_more: page.hasMore, first_id: page.entries[0]?.id ?? null, last_id: page.entries.at(-1)?.id ?? null }
      : {};
    if (fault?.kind === 'invalid-item') {
      const data = withInvalidItem(page.entries.map((entry) => ({ ...entry })));
      return `{"object":"list","data":${data}${paged ? `,${JSON.stringify(extra).slice(1, -1)}` : ''}}`;
    }
    const body = JSON.stringify({ object: 'list', data: page.entries, ...extra });
    return fault?.kind === 'malformed' ? truncated(body) : body;
  }
}

/** The cursor is the last listed id, base64url: opaque to clients, like the Hub's. Undefined when it is garbage. */
function decodeRouterCursor(cursor: string | null): string | null | undefined {
  if (cursor === null) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/.test(id) ? id : undefined;
}
