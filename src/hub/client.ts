import { parseOnePageAtATime } from './bounded-body.ts';
import { HubProtocolError, HubUsageError } from './errors.ts';
import { nextOnListing, whyOffListing } from './link-header.ts';
import { listModelsSearchParams, type ListModelsQuery } from './list-query.ts';
import { hubModelItemSchema, type HubModelItem } from './model-item.ts';
import { BEARER_TOKEN_SYNTAX } from './token.ts';
import { parseRateLimit, type RateLimitInfo } from './rate-limit.ts';
import { requestPolicyOf, type RequestPolicyOptions } from './request-policy.ts';
import {
  EVIDENCE_CHARS,
  requestWithRetries,
  scrub,
  type RetryEvent,
  type Upstream,
  type UpstreamAnswer,
} from './upstream-request.ts';

export type { RetryEvent } from './upstream-request.ts';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/**
 * Timing and retries as in `huggingface_hub`: 30 s per request, 5 retries, and at most 330 000 ms waited between the
 * retries of one URL, so a 429 can wait out a whole 5-minute Hub window. Inject `sleep` and `random` to test time
 * without waiting.
 */
export interface HubClientOptions extends RequestPolicyOptions {
  /** Hub base URL (what `HF_ENDPOINT` holds); default `https://huggingface.co`, trailing `/` stripped. */
  endpoint?: string;
  /**
   * Sent as `Authorization: Bearer …`; the client requests nothing but the endpoint's listing, so it goes nowhere
   * else. Never appears in errors, retry events or URLs.
   */
  token?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Called before every wait. An exception thrown here ends the request. */
  onRetry?: (event: RetryEvent) => void;
}

/** One page of a listing, with what it cost. */
export interface HubPage {
  /** 0-based page number within this listing. */
  index: number;
  items: HubModelItem[];
  /** The URL requested. */
  url: string;
  /** The `Link` header's `rel="next"` target, verbatim; null on the last page. */
  nextUrl: string | null;
  /** HTTP requests this page took: 1 plus retries. */
  requests: number;
  rateLimit: RateLimitInfo | null;
  /** `X-Request-Id` of the successful response. */
  requestId: string | null;
  /** Wall time including retries and waits. */
  durationMs: number;
}

/**
 * Sends one page's request when the caller allows it: a crawl passes one to go through its limiter, request budget
 * and rate-limit gate. Resolving null instead of calling `send` ends the listing there.
 */
export type PageScheduler = (send: () => Promise<HubPage>) => Promise<HubPage | null>;

interface ListOptions {
  signal?: AbortSignal;
  /** Default: every page is sent at once. */
  schedule?: PageScheduler;
}

const sendAtOnce: PageScheduler = (send) => send();

export class HubClient {
  /** The Hub base URL, without a trailing `/`. */
  readonly endpoint: string;
  /** `…/api/models`: the only URL, queries aside, this client requests. */
  readonly #listing: URL;
  readonly #upstream: Upstream;

  constructor(options: HubClientOptions = {}) {
    this.endpoint = (options.endpoint ?? DEFAULT_HUB_ENDPOINT).replace(/\/+$/, '');
    if (!URL.canParse(this.endpoint))
      throw new HubUsageError(`endpoint is not an absolute URL: ${JSON.stringify(this.endpoint)}`);
    this.#listing = new URL(`${this.endpoint}/api/models`);

    const token = options.token ?? '';
    // Checked here so a bad token fails with our message (which must not quote it), not fetch's.
    if (token !== '' && !BEARER_TOKEN_SYNTAX.test(token)) {
      throw new HubUsageError('token is not a Bearer token: it may hold only letters, digits and -._~+/');
    }
    this.#upstream = {
      policy: requestPolicyOf(options, { timeoutMs: 30_000, maxRetries: 5, maxRetryWaitMs: 330_000 }),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      headers: token === '' ? {} : { authorization: `Bearer ${token}` },
      secret: token === '' ? null : token,
      redirectNote: 'hubcat follows no redirect; set HF_ENDPOINT to the URL it redirects to',
      onRetry: options.onRetry,
    };
  }

  /** The first page's URL for `query`. Throws `HubUsageError` for a query the Hub would reject. */
  buildListUrl(query: ListModelsQuery): string {
    const search = listModelsSearchParams(query).toString();
    return `${this.#listing.href}${search === '' ? '' : `?${search}`}`;
  }

  /**
   * Every page of a listing, in order: the first from `query`, each next one from the previous
   * page's `Link: <…>; rel="next"`, requested verbatim, until a page has none (or `schedule` declines one).
   */
  async *listModels(query: ListModelsQuery, options: ListOptions = {}): AsyncGenerator<HubPage> {
    const { signal, schedule = sendAtOnce } = options;
    const seen = new Set<string>();
    let url: string | null = this.buildListUrl(query);
    for (let index = 0; url !== null; index++) {
      if (seen.has(url)) {
        throw new HubProtocolError({
          url: this.#scrub(url),
          pageIndex: index,
          reason: 'Link rel="next" repeats an earlier page URL',
        });
      }
      seen.add(url);
      const pageUrl: string = url;
      const page = await schedule(() => this.fetchPage(pageUrl, index, { signal }));
      if (page === null) return;
      yield page;
      url = page.nextUrl;
    }
  }

  /**
   * One page, retried on 408/429/5xx and network errors per the Hub's policy.
   * Throws `HubHttpError`, `HubNetworkError`, `HubProtocolError`, or the signal's reason when aborted.
   */
  async fetchPage(url: string, index: number, options: { signal?: AbortSignal } = {}): Promise<HubPage> {
    const { signal } = options;
    if (!URL.canParse(url)) throw new HubUsageError(`not an absolute URL: ${JSON.stringify(this.#scrub(url))}`);
    const offListing = whyOffListing(url, this.#listing);
    if (offListing !== null) throw new HubUsageError(`refused to request ${offListing}: not the upstream's listing`);
    const answer = await requestWithRetries(this.#upstream, url, index, signal);
    return this.#page(url, index, answer);
  }

  async #page(url: string, index: number, { response, body, attempts, durationMs }: UpstreamAnswer): Promise<HubPage> {
    const shownUrl = this.#scrub(url);
    const protocolError: ProtocolErrorOf = (reason, details = {}) =>
      new HubProtocolError({
        url: shownUrl,
        pageIndex: index,
        reason: this.#scrub(reason),
        itemIndex: details.itemIndex ?? null,
        // Scrubbed whole before it is cut, so that no cut can leave a piece of the token.
        evidence: details.evidence === undefined ? null : this.#scrub(details.evidence).slice(0, EVIDENCE_CHARS),
      });
    const nextUrl = nextUrlOf(response, url, this.#listing, protocolError);
    return {
      index,
      nextUrl,
      items: await parseOnePageAtATime(() => itemsOf(body, protocolError)),
      url,
      requests: attempts,
      rateLimit: parseRateLimit(response.headers),
      requestId: response.headers.get('x-request-id'),
      durationMs,
    };
  }

  #scrub(text: string): string {
    return scrub(this.#upstream, text);
  }
}

/** Makes the page's error; `evidence` (the upstream's own text) goes to the operator's log, never to API clients. */
type ProtocolErrorOf = (reason: string, details?: { itemIndex?: number; evidence?: string }) => HubProtocolError;

/** The page's `rel="next"` target; one that cannot be read or leaves the listing makes the page malformed. */
function nextUrlOf(response: Response, url: string, listing: URL, protocolError: ProtocolErrorOf): string | null {
  const header = response.headers.get('link');
  const next = nextOnListing(header, url, listing);
  if (next.rejected !== undefined) throw protocolError(next.rejected, { evidence: header ?? '' });
  return next.url;
}

/** The page's items, each validated; the first invalid one makes the page malformed. */
function itemsOf(body: string, protocolError: ProtocolErrorOf): HubModelItem[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // JSON.parse's message quotes the body, so it stays out of the reason, as does the body itself.
    throw protocolError('body is not JSON', { evidence: body });
  }
  if (!Array.isArray(data)) {
    throw protocolError(`body is a JSON ${data === null ? 'null' : typeof data}, not an array`);
  }
  const positions = new Map<string, number>();
  return data.map((raw: unknown, itemIndex) => {
    const parsed = hubModelItemSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issuePath(issue.path)}: ${issue.message}`)
        .join('; ');
      throw protocolError(`item ${itemIndex} is invalid: ${issues}`, { itemIndex, evidence: itemLabel(raw) });
    }
    // A keyset cursor can repeat a model across pages when its key moves; within one page nothing can.
    const earlier = positions.get(parsed.data.id);
    if (earlier !== undefined) {
      throw protocolError(`item ${itemIndex} repeats the id of item ${earlier}`, {
        itemIndex,
        evidence: itemLabel(raw),
      });
    }
    positions.set(parsed.data.id, itemIndex);
    return parsed.data;
  });
}

/** `likes`, `inferenceProviderMapping.0.status`; a key the upstream chose (in a record) shows as `*`. */
function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(item)';
  return path
    .map((key) =>
      typeof key === 'number' || (typeof key === 'string' && /^[A-Za-z_][\w-]{0,40}$/.test(key)) ? String(key) : '*',
    )
    .join('.');
}

/** `id "…"`, or `_id "…"` when the id itself is what is missing, to find the item in the log. */
function itemLabel(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  for (const key of ['id', '_id'] as const) {
    const value: unknown = (raw as Record<string, unknown>)[key];
    if (typeof value === 'string') return `${key} ${JSON.stringify(value)}`;
  }
  return '';
}
