import { z } from 'zod';
import { MAX_ERROR_BYTES, parseOnePageAtATime, readBounded } from './bounded-body.ts';
import { HubHttpError, HubNetworkError, HubProtocolError, HubUsageError } from './errors.ts';
import { nextOnListing } from './link-header.ts';
import { requestPolicyOf, type RequestPolicy, type RequestPolicyOptions } from './request-policy.ts';
import { RETRYABLE_STATUSES, backoffMs, retryWaitMs } from './retry-policy.ts';
import { routerModelSchema, type RouterModelItem } from './router-item.ts';

export const DEFAULT_ROUTER_ENDPOINT = 'https://router.huggingface.co';

/**
 * Bounds on what the router may make hubcat hold. The real list is a few hundred chat models of a few kilobytes each;
 * these allow a hundred times that, and refuse a response that would only be an attack or a mistake. Each page's body
 * is bounded by the request policy's `maxBodyBytes`, as the Hub's are.
 */
const MAX_PAGES = 100;
const MAX_ENTRIES = 100_000;

/**
 * 30 s per request, 2 retries and at most 30 000 ms waited between them: the router's figures are an addition to the
 * catalog, which must not wait long for them.
 */
export interface RouterClientOptions extends RequestPolicyOptions {
  /** The router's base URL, e.g. `https://router.huggingface.co`; the listing is `${endpoint}/v1/models`. */
  endpoint: string;
  fetch?: typeof fetch;
  /**
   * A secret the router is never sent but might echo (a proxy in front of Hub and router both): removed from every
   * message before any of it is kept.
   */
  redact?: string;
}

/** Every entry of the router's listing, validated, and what reading it cost. */
export interface RouterListing {
  models: RouterModelItem[];
  requests: number;
  pages: number;
}

const pageSchema = z.looseObject({
  data: z.array(z.unknown()).max(MAX_ENTRIES),
  has_more: z.boolean().nullish(),
  last_id: z.string().min(1).max(512).nullish(),
});

/**
 * Reads the Hub router's OpenAI-style model list (`GET /v1/models`). Its pagination, authentication and error bodies
 * are unverified, so it follows either a `Link: rel="next"` on the same listing or OpenAI's `has_more`/`last_id`
 * (`after=`), sends no token (the list is public, and a misconfigured endpoint must not receive one), follows no
 * redirect, retries 408/429/5xx like the Hub client, and validates every entry; anything it cannot trust is an error,
 * never a partial list.
 */
export class RouterClient {
  readonly endpoint: string;
  readonly #listing: URL;
  readonly #fetch: typeof fetch;
  readonly #policy: RequestPolicy;
  readonly #redact: string | null;

  constructor(options: RouterClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    if (!URL.canParse(this.endpoint) || !/^https?:$/.test(new URL(this.endpoint).protocol)) {
      throw new HubUsageError(`router endpoint is not an http(s) URL: ${JSON.stringify(this.endpoint)}`);
    }
    this.#listing = new URL(`${this.endpoint}/v1/models`);
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#policy = requestPolicyOf(options, { timeoutMs: 30_000, maxRetries: 2, maxRetryWaitMs: 30_000 });
    this.#redact = options.redact || null;
  }

  /** Every page of the listing, its entries validated. Throws `HubHttpError`, `HubNetworkError`, `HubProtocolError`. */
  async listModels(options: { signal?: AbortSignal } = {}): Promise<RouterListing> {
    const listing: RouterListing = { models: [], requests: 0, pages: 0 };
    const seen = new Set<string>();
    let url: string | null = this.#listing.href;
    while (url !== null) {
      if (seen.has(url)) throw this.#protocolError(url, listing.pages, 'the next page repeats an earlier one');
      if (listing.pages === MAX_PAGES) throw this.#protocolError(url, listing.pages, `more than ${MAX_PAGES} pages`);
      seen.add(url);
      const page = await this.#fetchPage(url, listing, options.signal);
      listing.models.push(...page.models);
      if (listing.models.length > MAX_ENTRIES) {
        throw this.#protocolError(url, listing.pages, `more than ${MAX_ENTRIES} entries`);
      }
      listing.pages++;
      url = page.next;
    }
    return listing;
  }

  async #fetchPage(
    url: string,
    listing: RouterListing,
    signal: AbortSignal | undefined,
  ): Promise<{ models: RouterModelItem[]; next: string | null }> {
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      listing.requests++;
      const outcome = await this.#attempt(url, signal);
      if (outcome.kind === 'page')
        return parseOnePageAtATime(() =>
          this.#readPage(url, listing.pages, outcome.response, this.#scrub(outcome.body)),
        );
      const failure = outcome.kind === 'status' ? this.#statusFailure(url, outcome, attempt) : outcome.failure(attempt);
      const waitMs = failure.retryable ? failure.waitMs : 0;
      if (!failure.retryable || attempt > this.#policy.maxRetries || waitedMs + waitMs > this.#policy.maxRetryWaitMs) {
        throw failure.error;
      }
      await this.#policy.sleep(waitMs, signal).catch((error: unknown) => {
        throw signal?.aborted ? signal.reason : error;
      });
      waitedMs += waitMs;
    }
  }

  async #attempt(url: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.#policy.timeoutMs);
    try {
      const response = await this.#fetch(url, {
        headers: { accept: 'application/json', 'user-agent': this.#policy.userAgent },
        // A redirect could lead anywhere; the router's answer is final.
        redirect: 'manual',
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      const limit = response.ok ? this.#policy.maxBodyBytes : MAX_ERROR_BYTES;
      const body = await readBounded(response, limit);
      if (body === null && response.ok) {
        return { kind: 'refused', failure: () => this.#tooLarge(url) };
      }
      return response.ok ? { kind: 'page', response, body: body! } : { kind: 'status', response, body: body ?? '' };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { kind: 'refused', failure: (attempt) => this.#networkFailure(url, timeout.aborted, error, attempt) };
    }
  }

  #statusFailure(url: string, outcome: { response: Response; body: string }, attempt: number): AttemptFailure {
    const { status, headers } = outcome.response;
    const retryable = RETRYABLE_STATUSES.has(status);
    const redirect = status >= 300 && status < 400;
    return {
      retryable,
      waitMs: retryable ? retryWaitMs(status, headers, attempt - 1, this.#policy.random) : 0,
      error: new HubHttpError({
        status,
        hubMessage: errorMessage(this.#scrub(outcome.body)),
        requestId: headers.get('x-request-id'),
        url,
        attempts: attempt,
        ...(redirect ? { note: 'hubcat follows no redirect; set HUBCAT_ROUTER_ENDPOINT to the URL it leads to' } : {}),
      }),
    };
  }

  #networkFailure(url: string, timedOut: boolean, error: unknown, attempt: number): AttemptFailure {
    const detail = timedOut ? `timed out after ${this.#policy.timeoutMs} ms` : this.#scrub(describeError(error));
    return {
      retryable: true,
      waitMs: backoffMs(attempt - 1, this.#policy.random),
      error: new HubNetworkError({ url, timedOut, attempts: attempt, detail, cause: new Error(detail) }),
    };
  }

  #tooLarge(url: string): AttemptFailure {
    const reason = `the body is larger than ${this.#policy.maxBodyBytes} bytes`;
    return { retryable: false, waitMs: 0, error: this.#protocolError(url, 0, reason) };
  }

  #readPage(url: string, pageIndex: number, response: Response, body: string) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      throw this.#protocolError(url, pageIndex, 'body is not JSON', body);
    }
    const page = pageSchema.safeParse(data);
    if (!page.success) throw this.#protocolError(url, pageIndex, `not a model list: ${firstIssue(page.error)}`);
    const models = page.data.data.map((raw, itemIndex) => {
      const entry = routerModelSchema.safeParse(raw);
      if (entry.success) return entry.data;
      throw this.#protocolError(url, pageIndex, `entry ${itemIndex} is invalid: ${firstIssue(entry.error)}`);
    });
    return { models, next: this.#nextUrl(url, pageIndex, response, page.data) };
  }

  /** The `Link: rel="next"` target when it stays on the listing, else OpenAI's `after=<last_id>` while `has_more`. */
  #nextUrl(url: string, pageIndex: number, response: Response, page: z.infer<typeof pageSchema>): string | null {
    const header = response.headers.get('link');
    const next = nextOnListing(header, url, this.#listing);
    if (next.rejected !== undefined) throw this.#protocolError(url, pageIndex, next.rejected, header ?? '');
    if (next.url !== null) return next.url;
    if (page.has_more !== true || page.last_id == null) return null;
    const after = new URL(this.#listing);
    after.searchParams.set('after', page.last_id);
    return after.href;
  }

  /** Whole texts are scrubbed before any cut, so no cut can leave a piece of the secret. */
  #scrub(text: string): string {
    return this.#redact === null ? text : text.replaceAll(this.#redact, '[redacted]');
  }

  #protocolError(url: string, pageIndex: number, reason: string, evidence?: string): HubProtocolError {
    return new HubProtocolError({ url, pageIndex, reason, evidence: evidence?.slice(0, 200) ?? null });
  }
}

type Attempt =
  | { kind: 'page'; response: Response; body: string }
  | { kind: 'status'; response: Response; body: string }
  | { kind: 'refused'; failure: (attempt: number) => AttemptFailure };

interface AttemptFailure {
  retryable: boolean;
  waitMs: number;
  error: Error;
}

/** OpenAI's `{"error": {"message": …}}` or the Hub's `{"error": "…"}`, for the operator's log. */
function errorMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = (parsed as { error?: unknown } | null)?.error;
    if (typeof error === 'string') return error.slice(0, 200);
    const message = (error as { message?: unknown } | null | undefined)?.message;
    return typeof message === 'string' ? message.slice(0, 200) : null;
  } catch {
    return null;
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((key) =>
    typeof key === 'number' || /^[A-Za-z_]\w{0,40}$/.test(String(key)) ? String(key) : '*',
  );
  return `${path.length > 0 ? path.join('.') : '(entry)'}: ${issue.message}`;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`.slice(0, 200);
}
