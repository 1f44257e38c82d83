/** A caller passed options or a query the Hub would reject (bad limit, unknown sort, `expand` with `full`). */
export class HubUsageError extends TypeError {
  override name = 'HubUsageError';
}

/**
 * The Hub answered with an error status that is final: a non-retryable 4xx, or a retryable
 * status (408, 429, 5xx) that persisted until the retry budget ran out.
 */
export class HubHttpError extends Error {
  override name = 'HubHttpError';
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
    this.status = init.status;
    this.hubMessage = init.hubMessage;
    this.requestId = init.requestId;
    this.url = init.url;
    this.attempts = init.attempts;
  }
}

/** No HTTP answer: a timeout or a connection error, still failing after the retries. */
export class HubNetworkError extends Error {
  override name = 'HubNetworkError';
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
    this.url = init.url;
    this.timedOut = init.timedOut;
    this.attempts = init.attempts;
  }
}

/**
 * A 2xx page the client cannot trust: not JSON, not an array, an invalid item, or a bad `Link` header. Never retried.
 */
export class HubProtocolError extends Error {
  override name = 'HubProtocolError';
  readonly url: string;
  /** 0-based page number within the listing. */
  readonly pageIndex: number;
  /** 0-based index of the offending item in the page, when one item is to blame. */
  readonly itemIndex: number | null;
  readonly reason: string;

  constructor(init: { url: string; pageIndex: number; reason: string; itemIndex?: number | null }) {
    super(`Malformed Hub page ${init.pageIndex} (${init.url}): ${init.reason}`);
    this.url = init.url;
    this.pageIndex = init.pageIndex;
    this.itemIndex = init.itemIndex ?? null;
    this.reason = init.reason;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
