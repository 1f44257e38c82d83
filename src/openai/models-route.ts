import type { Plugin } from 'graphql-yoga';
import { QueryInputError, type CatalogView, type QualityBar } from '../query/index.ts';
import { CatalogUnavailableError, type CatalogCache } from '../store/index.ts';
import { DEFAULT_STALL_TIMEOUT_MS, listStream, pageBody } from './list-body.ts';
import { ListRequestError, parseListRequest, type ListRequest } from './list-request.ts';
import { listAll, listPage } from './model-list.ts';

export interface ModelsRouteOptions {
  catalog: CatalogCache;
  qualityBar: QualityBar;
  /** Default `/v1/models`. */
  path?: string;
  /** How long the streamed whole list may go unread; default {@link DEFAULT_STALL_TIMEOUT_MS}. */
  stallTimeoutMs?: number;
  /** Told every error answered as "Unexpected error.", with its cause, for the operator's log. */
  onUnexpectedError?: (error: unknown) => void;
  /** Charges the request's client; without it, the list is not rate limited. */
  rateLimit?: ListRateLimit;
}

/**
 * Charges the client of `request` for a request of estimated `cost` in all (GraphQL's units: 1 per field), less what
 * this request was charged already; a refusal says why and when to come back, to be answered with 429.
 */
export type ListRateLimit = (
  request: Request,
  serverContext: unknown,
  cost: number,
) => Promise<{ message: string; retryAfterSeconds: number } | null>;

/**
 * A listed model's cost in GraphQL's units: the fields of an OpenAI model object (4), of its `hubcat` extension (7)
 * and of one provider entry (5). A page of 500 costs what a GraphQL page of 500 with 16 fields does.
 */
const LISTED_MODEL_COST = 16;

type FetchAPI = Parameters<NonNullable<Plugin['onRequest']>>[0]['fetchAPI'];

/** Changes when the body's shape changes, so a cached list of an older hubcat never validates against a newer one. */
const FORMAT = 'models-v1';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `GET /v1/models`, OpenAI's model list over the served catalog, answered inside Yoga's HTTP layer so it gets the
 * headers (security, CORS) and limits every other route gets. Filters go to the query engine, the only filter there is.
 */
export function openAIModelsRoute(options: ModelsRouteOptions): Plugin {
  const path = options.path ?? '/v1/models';
  return {
    async onRequest(payload) {
      const { request, url, fetchAPI, serverContext } = payload;
      if (url.pathname !== path) return;
      const endResponse = (response: Response) => payload.endResponse(response);
      // Over Node's HTTP server the context holds the response; in process (`yoga.fetch`) there is no connection.
      const dropConnection = () => (serverContext as { res?: { destroy?: () => void } }).res?.destroy?.();
      try {
        endResponse(await respond(request, url, { fetchAPI, options, dropConnection, serverContext }));
      } catch (error) {
        options.onUnexpectedError?.(error);
        endResponse(errorResponse(fetchAPI, 500, { message: 'Unexpected error.', type: 'server_error' }));
      }
    },
  };
}

interface RouteParts {
  fetchAPI: FetchAPI;
  options: ModelsRouteOptions;
  dropConnection: () => void;
  serverContext: unknown;
}

async function respond(request: Request, url: URL, parts: RouteParts): Promise<Response> {
  const { fetchAPI, options } = parts;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const refusal = { message: `${request.method} is not allowed here; use GET`, type: 'invalid_request_error' };
    return errorResponse(fetchAPI, 405, refusal, { allow: 'GET, HEAD, OPTIONS' });
  }
  // One token as it arrives, before any work; what the list costs once its size is known.
  const charge = (cost: number) => parts.options.rateLimit?.(request, parts.serverContext, cost) ?? null;
  const arrival = await charge(1);
  if (arrival) return tooManyRequests(fetchAPI, arrival);
  let list: ListRequest;
  let view: CatalogView;
  try {
    list = parseListRequest(url.searchParams);
    const snapshot = await options.catalog.snapshot();
    view = { snapshotId: snapshot.id, models: snapshot.models };
  } catch (error) {
    return refusal(fetchAPI, error);
  }
  const headers = { 'content-type': JSON_TYPE, etag: `"${FORMAT}-${view.snapshotId}"`, 'cache-control': 'no-cache' };
  if (matchesETag(request.headers.get('if-none-match'), headers.etag)) {
    return new fetchAPI.Response(null, { status: 304, headers: { etag: headers.etag, 'cache-control': 'no-cache' } });
  }
  try {
    const body = await listBody(view, list, { request, charge }, parts);
    if (typeof body === 'object' && 'retryAfterSeconds' in body) return tooManyRequests(fetchAPI, body);
    return new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  } catch (error) {
    return refusal(fetchAPI, error);
  }
}

type Charge = (cost: number) => ReturnType<ListRateLimit> | null;

/** The page, or the whole list, charged before it is written: a page for its `limit`, the list for its length. */
async function listBody(
  view: CatalogView,
  list: ListRequest,
  { request, charge }: { request: Request; charge: Charge },
  parts: RouteParts,
): Promise<string | ReadableStream | RateLimited> {
  const bar = parts.options.qualityBar;
  if (list.limit !== null) {
    return (
      (await charge(list.limit * LISTED_MODEL_COST)) ?? pageBody(listPage(view, { ...list, limit: list.limit }, bar))
    );
  }
  const pages = listAll(view, list.filter, bar);
  const first = pages.next();
  if (first.done) throw new Error('the engine gave no first page');
  const refused = await charge(first.value.totalCount * LISTED_MODEL_COST);
  if (refused) return refused;
  return listStream(first.value, pages, {
    ReadableStream: parts.fetchAPI.ReadableStream,
    signal: request.signal,
    stallTimeoutMs: parts.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    dropConnection: parts.dropConnection,
  });
}

/** The answer to a known failure; anything else is rethrown, to be masked. */
function refusal(fetchAPI: FetchAPI, error: unknown): Response {
  if (error instanceof ListRequestError || error instanceof QueryInputError) {
    const param = error instanceof ListRequestError ? error.param : error.argument;
    const body = { message: error.message, type: 'invalid_request_error', param, code: 'invalid_parameter' };
    return errorResponse(fetchAPI, 400, body);
  }
  if (error instanceof CatalogUnavailableError) {
    const body = { message: error.message, type: 'server_error', code: 'catalog_unavailable' };
    return errorResponse(fetchAPI, 503, body);
  }
  throw error;
}

type RateLimited = NonNullable<Awaited<ReturnType<ListRateLimit>>>;

/** 429 as OpenAI answers it (`rate_limit_exceeded`), with `Retry-After`. */
function tooManyRequests(fetchAPI: FetchAPI, refused: RateLimited): Response {
  const body = { message: refused.message, type: 'requests', code: 'rate_limit_exceeded' };
  return errorResponse(fetchAPI, 429, body, { 'retry-after': String(refused.retryAfterSeconds) });
}

interface ErrorBody {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

/** OpenAI's error shape: `{"error": {"message", "type", "param", "code"}}`. */
function errorResponse(fetchAPI: FetchAPI, status: number, error: ErrorBody, headers: Record<string, string> = {}) {
  const body = JSON.stringify({
    error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null },
  });
  return new fetchAPI.Response(body, {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** `If-None-Match`: `*` or a comma list of tags, weak or strong (a GET compares them weakly). */
function matchesETag(header: string | null, etag: string): boolean {
  if (header === null) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
