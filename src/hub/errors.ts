import { STATUS_CODES } from 'node:http';

/** A caller passed options or a query the Hub would reject (bad limit, unknown sort, `expand` with `full`). */
export class HubUsageError extends TypeError {
  override name = 'HubUsageError';
}

/**
 * Each Hub error has a `message` for the operator (the URL, the Hub's own words; the token scrubbed) and a `summary`
 * that may be shown to anyone: what happened in hubcat's words, the status and the request id, never a URL or any of
 * the upstream's text.
 */
interface SummarizedError {
  readonly summary: string;
}

/**
 * The Hub answered with an error status that is final: a non-retryable 4xx, a redirect (never followed), or a
 * retryable status (408, 429, 5xx) that persisted until the retry budget ran out.
 */
export class HubHttpError extends Error implements SummarizedError {
  override name = 'HubHttpError';
  readonly summary: string;
  readonly status: number;
  /** The Hub's `{"error": "..."}` text, or null when the body carried none. */
  readonly hubMessage: string | null;
  /** The `X-Request-Id` response header, to quote when reporting a Hub problem. */
  readonly requestId: string | null;
  readonly url: string;
  /** HTTP requests made for this URL, the failing one included. */
  readonly attempts: number;

  constructor(init: {
    status: number;
    hubMessage: string | null;
    requestId: string | null;
    url: string;
    attempts: number;
    note?: string;
  }) {
    const detail = init.hubMessage === null ? '' : `: ${init.hubMessage}`;
    const request = init.requestId === null ? '' : ` (request id ${init.requestId})`;
    const note = init.note === undefined ? '' : `; ${init.note}`;
    super(
      `Hub answered ${init.status} to GET ${init.url}${detail}${request} ` +
        `after ${plural(init.attempts, 'attempt')}${note}`,
    );
    const redirect = init.status >= 300 && init.status < 400 ? ': a redirect, not followed' : '';
    this.summary =
      `HTTP ${init.status}${reasonPhrase(init.status)} after ${plural(init.attempts, 'attempt')}` +
      `${requestIdNote(init.requestId)}${redirect}`;
    this.status = init.status;
    this.hubMessage = init.hubMessage;
    this.requestId = init.requestId;
    this.url = init.url;
    this.attempts = init.attempts;
  }
}

/** No HTTP answer: a timeout or a connection error, still failing after the retries. */
export class HubNetworkError extends Error implements SummarizedError {
  override name = 'HubNetworkError';
  readonly summary: string;
  readonly url: string;
  /** True when the last attempt hit the client's per-request timeout. */
  readonly timedOut: boolean;
  readonly attempts: number;

  constructor(init: {
    url: string;
    timedOut: boolean;
    attempts: number;
    detail: string;
    cause: unknown;
    note?: string;
  }) {
    const note = init.note === undefined ? '' : `; ${init.note}`;
    super(`GET ${init.url} failed after ${plural(init.attempts, 'attempt')}: ${init.detail}${note}`, {
      cause: init.cause,
    });
    // The detail is Node's account of the failure (a timeout, `connect ECONNREFUSED 127.0.0.1:1`), not the upstream's.
    this.summary =
      `no answer from ${originOf(init.url)} in ${plural(init.attempts, 'attempt')}: ` +
      init.detail.slice(0, SUMMARY_DETAIL_CHARS);
    this.url = init.url;
    this.timedOut = init.timedOut;
    this.attempts = init.attempts;
  }
}

/**
 * A 2xx page the client cannot trust: not JSON, not an array, an invalid item, or a bad `Link` header. Never retried.
 */
export class HubProtocolError extends Error implements SummarizedError {
  override name = 'HubProtocolError';
  readonly summary: string;
  readonly url: string;
  /** 0-based page number within the listing. */
  readonly pageIndex: number;
  /** 0-based index of the offending item in the page, when one item is to blame. */
  readonly itemIndex: number | null;
  /** What is wrong, in hubcat's words. */
  readonly reason: string;
  /** The upstream's own text that shows it (the start of the body, the `Link` header), token scrubbed; for logs. */
  readonly evidence: string | null;

  constructor(init: {
    url: string;
    pageIndex: number;
    reason: string;
    itemIndex?: number | null;
    evidence?: string | null;
  }) {
    super(`Malformed Hub page ${init.pageIndex} (${init.url}): ${init.reason}`);
    this.summary = `malformed page: ${init.reason}`;
    this.evidence = init.evidence ?? null;
    this.url = init.url;
    this.pageIndex = init.pageIndex;
    this.itemIndex = init.itemIndex ?? null;
    this.reason = init.reason;
  }
}

/** Node's own network messages are short; this bounds one that is not. */
const SUMMARY_DETAIL_CHARS = 200;

/** Scheme, host and port: where the upstream is, which the configuration says anyway, without path or query. */
function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : 'the upstream';
}

/** ` Service Unavailable`: the standard phrase, not whatever status text the upstream sent. */
function reasonPhrase(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase === undefined ? '' : ` ${phrase}`;
}

/** ` (request id …)` for an id of the usual form; anything else the upstream put in the header is left out. */
function requestIdNote(requestId: string | null): string {
  return requestId !== null && /^[\w.:-]{1,128}$/.test(requestId) ? ` (request id ${requestId})` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
