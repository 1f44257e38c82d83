import { inspect } from 'node:util';
import { MAX_ERROR_BYTES, readBounded } from './bounded-body.ts';
import { HubHttpError, HubNetworkError, HubProtocolError } from './errors.ts';
import type { RequestPolicy } from './request-policy.ts';
import { RETRYABLE_STATUSES, backoffMs, retryWaitMs } from './retry-policy.ts';

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

/** How one upstream (the Hub, the router) is asked; everything else about a request is the same for both. */
export interface Upstream {
  policy: RequestPolicy;
  fetch: typeof fetch;
  /** Sent with every attempt (the Hub's `authorization`); never shown. */
  headers?: Record<string, string>;
  /** A secret (the token) removed from every text bound for an error or event, whatever path brought it there. */
  secret: string | null;
  /** What a 3xx error tells the operator to set instead of following it. */
  redirectNote: string;
  /** Called before every wait. An exception thrown here ends the request. */
  onRetry?: (event: RetryEvent) => void;
}

/** A successful answer: its body read within the policy's bound, and what it cost. */
export interface UpstreamAnswer {
  response: Response;
  body: string;
  /** HTTP requests it took: 1 plus retries. */
  attempts: number;
  /** Wall time including retries and waits. */
  durationMs: number;
}

type Attempt =
  | { kind: 'response'; response: Response; body: string }
  | { kind: 'too-large' }
  | { kind: 'failure'; timedOut: boolean; error: unknown };

/** A failed attempt: the error to throw if it is the last, and whether and how long to wait before the next. */
interface AttemptFailure {
  error: (note?: string) => Error;
  retryable: boolean;
  waitMs: number;
  event: Omit<RetryEvent, 'waitMs'>;
}

/** How much of an upstream's own text (an error message, a malformed body) an error keeps. */
export const EVIDENCE_CHARS = 200;

/**
 * `GET url`, retried on 408/429/5xx and network errors per the policy, following no redirect (it could lead anywhere,
 * the token with it) and reading at most the policy's bound of a body. A host name that does not resolve fails at
 * once: retrying it only delays the hint that the network or the endpoint is wrong. Throws `HubHttpError`,
 * `HubNetworkError`, `HubProtocolError` (a body too large, for page `pageIndex`), or the signal's reason when aborted.
 *
 * A hand-written loop rather than p-retry: p-retry 7 derives every delay from one exponential schedule (custom waits
 * would mean zeroing it and sleeping inside onFailedAttempt), bounds wall-clock time rather than time spent waiting,
 * and has no injectable sleep. The Hub's policy needs a per-response wait (RateLimit t+1, Retry-After+1) and a wait
 * budget tests can check.
 */
export async function requestWithRetries(
  upstream: Upstream,
  url: string,
  pageIndex: number,
  signal?: AbortSignal,
): Promise<UpstreamAnswer> {
  const started = performance.now();
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    const outcome = await attemptOnce(upstream, url, signal);
    if (outcome.kind === 'too-large') {
      const reason = `the body is larger than ${upstream.policy.maxBodyBytes} bytes (HUBCAT_UPSTREAM_MAX_BYTES)`;
      throw new HubProtocolError({ url: scrub(upstream, url), pageIndex, reason });
    }
    if (outcome.kind === 'response' && outcome.response.ok) {
      const { response, body } = outcome;
      return { response, body, attempts: attempt, durationMs: Math.round(performance.now() - started) };
    }
    const failure =
      outcome.kind === 'response'
        ? httpFailure(upstream, url, outcome.response, outcome.body, attempt)
        : networkFailure(upstream, url, outcome.timedOut, outcome.error, attempt);
    waitedMs = await waitToRetry(upstream, failure, attempt, waitedMs, signal);
  }
}

/** Removes the upstream's secret from text bound for an error or event; scrub whole texts before cutting them. */
export function scrub(upstream: Pick<Upstream, 'secret'>, text: string): string {
  return upstream.secret === null ? text : text.replaceAll(upstream.secret, '[redacted]');
}

async function attemptOnce(upstream: Upstream, url: string, signal: AbortSignal | undefined): Promise<Attempt> {
  const { policy } = upstream;
  const timeout = AbortSignal.timeout(policy.timeoutMs);
  try {
    const response = await upstream.fetch(url, {
      headers: { accept: 'application/json', 'user-agent': policy.userAgent, ...upstream.headers },
      redirect: 'manual',
      signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
    });
    // The body is read under the same signal, so a stalled body is a timeout too; never past the policy's bound.
    const body = await readBounded(response, response.ok ? policy.maxBodyBytes : MAX_ERROR_BYTES);
    if (body === null && response.ok) return { kind: 'too-large' };
    return { kind: 'response', response, body: body ?? '' };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { kind: 'failure', timedOut: timeout.aborted, error };
  }
}

function httpFailure(upstream: Upstream, url: string, response: Response, body: string, attempt: number) {
  const { status } = response;
  const message = errorMessage(scrub(upstream, body));
  const shownUrl = scrub(upstream, url);
  const retryable = RETRYABLE_STATUSES.has(status);
  const redirect = status >= 300 && status < 400;
  return {
    error: (note = redirect ? upstream.redirectNote : undefined) =>
      new HubHttpError({
        status,
        hubMessage: message === null ? null : message.slice(0, EVIDENCE_CHARS),
        requestId: response.headers.get('x-request-id'),
        url: shownUrl,
        attempts: attempt,
        ...(note === undefined ? {} : { note }),
      }),
    retryable,
    waitMs: retryable ? retryWaitMs(status, response.headers, attempt - 1, upstream.policy.random) : 0,
    event: {
      url: shownUrl,
      attempt,
      reason: status === 429 ? 'rate-limited' : 'status',
      message: `HTTP ${status}${message === null ? '' : `: ${message}`}`,
      status,
    },
  } satisfies AttemptFailure;
}

function networkFailure(
  upstream: Upstream,
  url: string,
  timedOut: boolean,
  error: unknown,
  attempt: number,
): AttemptFailure {
  const shownUrl = scrub(upstream, url);
  const detail = timedOut ? `timed out after ${upstream.policy.timeoutMs} ms` : scrub(upstream, describeError(error));
  const cause = safeCause(upstream, error);
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
    retryable: timedOut || !isUnresolvedHost(error),
    waitMs: backoffMs(attempt - 1, upstream.policy.random),
    event: { url: shownUrl, attempt, reason: timedOut ? 'timeout' : 'network', message: detail },
  };
}

/** Waits before the next attempt and returns the total waited so far; throws when the failure is final. */
async function waitToRetry(
  upstream: Upstream,
  failure: AttemptFailure,
  attempt: number,
  waitedMs: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  const { policy } = upstream;
  const { waitMs } = failure;
  if (!failure.retryable) throw failure.error();
  if (attempt > policy.maxRetries) throw failure.error(`gave up after ${policy.maxRetries} retries`);
  if (waitedMs + waitMs > policy.maxRetryWaitMs) {
    throw failure.error(`the next wait (${waitMs} ms) would exceed the ${policy.maxRetryWaitMs} ms retry-wait budget`);
  }
  upstream.onRetry?.({ ...failure.event, waitMs });
  try {
    await policy.sleep(waitMs, signal);
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
  return waitedMs + waitMs;
}

/**
 * The resolver's "no such host" (`ENOTFOUND`) or "cannot resolve now" (`EAI_AGAIN`, what a machine without a network
 * says): a retry a few seconds later gets the same answer.
 */
function isUnresolvedHost(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return true;
  }
  return false;
}

/** The error itself as `cause`, unless its inspection (with its own causes) would show the secret. */
function safeCause(upstream: Upstream, error: unknown): unknown {
  if (upstream.secret === null || !inspect(error, { depth: 8 }).includes(upstream.secret)) return error;
  return new Error(scrub(upstream, describeError(error)));
}

/** The Hub's `{"error": "…"}` or OpenAI's `{"error": {"message": …}}`, or null (a proxy's HTML error page, say). */
function errorMessage(body: string): string | null {
  try {
    const error = (JSON.parse(body) as { error?: unknown } | null)?.error;
    if (typeof error === 'string') return error;
    const message = (error as { message?: unknown } | null | undefined)?.message;
    return typeof message === 'string' ? message : null;
  } catch {
    return null;
  }
}

/** `fetch failed: other side closed`: undici hides the useful part in `cause`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`;
}
