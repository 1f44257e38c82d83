import { inspect } from 'node:util';
import { MAX_ERROR_BYTES, parseOnePageAtATime, readBounded } from './bounded-body.ts';
import { HubHttpError, HubNetworkError, HubProtocolError, HubUsageError } from './errors.ts';
import { nextOnListing, whyOffListing } from './link-header.ts';
import { listModelsSearchParams, type ListModelsQuery } from './list-query.ts';
import { hubModelItemSchema, type HubModelItem } from './model-item.ts';
import { BEARER_TOKEN_SYNTAX } from './token.ts';
import { parseRateLimit, type RateLimitInfo } from './rate-limit.ts';
import { requestPolicyOf, type RequestPolicy, type RequestPolicyOptions } from './request-policy.ts';
import { RETRYABLE_STATUSES, backoffMs, retryWaitMs } from './retry-policy.ts';

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** Why a request is about to be retried. */
export type RetryReason = 'status' | 'rate-limited' | 'timeout' | 'network';

/** Reported through `onRetry` before each wait. Carries no token. */
export interface RetryEvent {
  url: string;
  /** 1-based number of the attempt that just failed; the retry is attempt + 1. */
  attempt: number;
  reason: RetryReason;
  /** A one-line description, e.g. `HTTP 503: Service Unavailable`. */
  message: string;
  waitMs: number;
  status?: number;
}

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

type Attempt =
  | { kind: 'response'; response: Response; body: string }
  | { kind: 'too-large'; response: Response }
  | { kind: 'failure'; timedOut: boolean; error: unknown };

/** A failed attempt: the error to throw if it is the last, and whether and how long to wait before the next. */
interface AttemptFailure {
  error: (note?: string) => Error;
  retryable: boolean;
  waitMs: number;
  event: Omit<RetryEvent, 'waitMs'>;
}

const sendAtOnce: PageScheduler = (send) => send();

// A hand-written loop rather than p-retry: p-retry 7 derives every delay from one exponential
// schedule (custom waits would mean zeroing it and sleeping inside onFailedAttempt), bounds
// wall-clock time rather than time spent waiting, and has no injectable sleep. The Hub's policy
// needs a per-response wait (RateLimit t+1, Retry-After+1) and a wait budget tests can check.
export class HubClient {
  /** The Hub base URL, without a trailing `/`. */
  readonly endpoint: string;
  /** `…/api/models`: the only URL, queries aside, this client requests. */
  readonly #listing: URL;
  readonly #token: string | null;
  readonly #fetch: typeof fetch;
  readonly #policy: RequestPolicy;
  readonly #onRetry: ((event: RetryEvent) => void) | null;

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
    this.#token = token === '' ? null : token;

    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#policy = requestPolicyOf(options, { timeoutMs: 30_000, maxRetries: 5, maxRetryWaitMs: 330_000 });
    this.#onRetry = options.onRetry ?? null;
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
    const started = performance.now();
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const outcome = await this.#attempt(url, signal);
      if (outcome.kind === 'too-large') throw this.#tooLarge(url, index);
      if (outcome.kind === 'response' && outcome.response.ok) {
        return this.#page(url, index, outcome.response, outcome.body, attempt, performance.now() - started);
      }
      const failure =
        outcome.kind === 'response'
          ? this.#httpFailure(url, outcome.response, outcome.body, attempt)
          : this.#networkFailure(url, outcome.timedOut, outcome.error, attempt);
      waitedMs = await this.#waitToRetry(failure, attempt, waitedMs, signal);
    }
  }

  #httpFailure(url: string, response: Response, body: string, attempt: number): AttemptFailure {
    const { status } = response;
    const hubMessage = errorText(body);
    const shownUrl = this.#scrub(url);
    const retryable = RETRYABLE_STATUSES.has(status);
    const redirect = status >= 300 && status < 400;
    return {
      error: (note = redirect ? REDIRECT_NOTE : undefined) =>
        new HubHttpError({
          status,
          hubMessage: hubMessage === null ? null : this.#scrub(hubMessage).slice(0, EVIDENCE_CHARS),
          requestId: response.headers.get('x-request-id'),
          url: shownUrl,
          attempts: attempt,
          ...(note === undefined ? {} : { note }),
        }),
      retryable,
      waitMs: retryable ? retryWaitMs(status, response.headers, attempt - 1, this.#policy.random) : 0,
      event: {
        url: shownUrl,
        attempt,
        reason: status === 429 ? 'rate-limited' : 'status',
        message: this.#scrub(`HTTP ${status}${hubMessage === null ? '' : `: ${hubMessage}`}`),
        status,
      },
    };
  }

  #networkFailure(url: string, timedOut: boolean, error: unknown, attempt: number): AttemptFailure {
    const shownUrl = this.#scrub(url);
    const detail = timedOut ? `timed out after ${this.#policy.timeoutMs} ms` : this.#scrub(describeError(error));
    const cause = this.#safeCause(error);
    return {
      error: (note) =>
        new HubNetworkError({
          url: shownUrl,
          timedOut,
          attempts: attempt,
          detail,
          cause,
          ...(note === undefined ? {} : { note }),
        }),
      retryable: true,
      waitMs: backoffMs(attempt - 1, this.#policy.random),
      event: { url: shownUrl, attempt, reason: timedOut ? 'timeout' : 'network', message: detail },
    };
  }

  /** Waits before the next attempt and returns the total waited so far; throws when the failure is final. */
  async #waitToRetry(
    failure: AttemptFailure,
    attempt: number,
    waitedMs: number,
    signal: AbortSignal | undefined,
  ): Promise<number> {
    const { waitMs } = failure;
    if (!failure.retryable) throw failure.error();
    if (attempt > this.#policy.maxRetries) throw failure.error(`gave up after ${this.#policy.maxRetries} retries`);
    if (waitedMs + waitMs > this.#policy.maxRetryWaitMs) {
      throw failure.error(
        `the next wait (${waitMs} ms) would exceed the ${this.#policy.maxRetryWaitMs} ms retry-wait budget`,
      );
    }
    this.#onRetry?.({ ...failure.event, waitMs });
    try {
      await this.#policy.sleep(waitMs, signal);
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    }
    return waitedMs + waitMs;
  }

  async #attempt(url: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.#policy.timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.#policy.userAgent };
    if (this.#token !== null) headers['authorization'] = `Bearer ${this.#token}`;
    try {
      const response = await this.#fetch(url, {
        headers,
        // A redirect could lead anywhere, the token with it: a 3xx is answered as a final error instead.
        redirect: 'manual',
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      // The body is read under the same signal, so a stalled body is a timeout too; never past the policy's bound.
      const body = await readBounded(response, response.ok ? this.#policy.maxBodyBytes : MAX_ERROR_BYTES);
      if (body === null && response.ok) return { kind: 'too-large', response };
      return { kind: 'response', response, body: body ?? '' };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { kind: 'failure', timedOut: timeout.aborted, error };
    }
  }

  #tooLarge(url: string, index: number): HubProtocolError {
    return new HubProtocolError({
      url: this.#scrub(url),
      pageIndex: index,
      reason: `the body is larger than ${this.#policy.maxBodyBytes} bytes (HUBCAT_UPSTREAM_MAX_BYTES)`,
    });
  }

  async #page(
    url: string,
    index: number,
    response: Response,
    body: string,
    requests: number,
    durationMs: number,
  ): Promise<HubPage> {
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
      requests,
      rateLimit: parseRateLimit(response.headers),
      requestId: response.headers.get('x-request-id'),
      durationMs: Math.round(durationMs),
    };
  }

  /** Removes the token from text bound for an error or event, whatever path brought it there. */
  #scrub(text: string): string {
    return this.#token === null ? text : text.replaceAll(this.#token, '[redacted]');
  }

  /** The error itself as `cause`, unless its inspection (with its own causes) would show the token. */
  #safeCause(error: unknown): unknown {
    if (this.#token === null || !inspect(error, { depth: 8 }).includes(this.#token)) return error;
    return new Error(this.#scrub(describeError(error)));
  }
}

/** Makes the page's error; `evidence` (the upstream's own text) goes to the operator's log, never to API clients. */
type ProtocolErrorOf = (reason: string, details?: { itemIndex?: number; evidence?: string }) => HubProtocolError;

/** How much of a malformed page's body or header an error keeps as evidence. */
const EVIDENCE_CHARS = 200;

const REDIRECT_NOTE = 'hubcat follows no redirect; set HF_ENDPOINT to the URL it redirects to';

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

/** The Hub's `{"error": "..."}` text, or null. */
function errorText(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string')
      return parsed.error;
  } catch {
    // Not JSON (a proxy's HTML error page, say): no Hub message.
  }
  return null;
}

/** `fetch failed: other side closed`: undici hides the useful part in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`;
}
