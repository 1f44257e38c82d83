import { FetchFailedError } from '../catalog/index.ts';
import { HubHttpError, HubNetworkError, HubProtocolError, type RetryEvent } from '../hub/index.ts';
import { decimal, plural } from './format.ts';

export const DEMO_HINT = 'to try hubcat offline, run `npm run demo` (the bundled Hub emulator)';

/** One short line per failed attempt: which query, which host, why, and when the next try comes. */
export function retryLine(event: RetryEvent, maxAttempts: number): string {
  return (
    `${queryLabel(event.url)}: ${new URL(event.url).host} — ${retryReason(event)}; ` +
    `attempt ${event.attempt} of ${maxAttempts}, next retry in ${decimal(event.waitMs / 1000)} s`
  );
}

/**
 * Why a fetch produced nothing, in two lines: that every query failed, then the cause, naming the endpoint once and
 * what to do about it.
 */
export function describeFetchFailure(error: FetchFailedError, endpoint: string, tokenSet: boolean): string[] {
  const names = error.report.sorts.map((sort) => sort.sort);
  const first = error.causes[0];
  const others = error.causes.filter((cause) => causeKind(cause) !== causeKind(first)).length;
  const more = others > 0 ? ` (and ${plural(others, 'other failure')}; --log-level debug lists them)` : '';
  return [
    `every sort failed (${names.join(', ')}), so there is no catalog and no report`,
    `${first ? describeCause(first, endpoint, tokenSet) : `${endpoint} failed`}${more}`,
  ];
}

function describeCause(cause: Error, endpoint: string, tokenSet: boolean): string {
  if (cause instanceof HubNetworkError) {
    const reason = cause.timedOut ? 'no answer within the timeout' : networkReason(causeChain(cause));
    return (
      `cannot reach ${endpoint}: ${reason} (${plural(cause.attempts, 'attempt')}); ` +
      'check --upstream or HF_ENDPOINT, or run `npm run demo` to try hubcat offline'
    );
  }
  if (cause instanceof HubHttpError) return describeHttpFailure(cause, endpoint, tokenSet);
  if (cause instanceof HubProtocolError) return `${endpoint} sent a page hubcat cannot read: ${cause.reason}`;
  return `${endpoint}: ${cause.message}`;
}

function describeHttpFailure(cause: HubHttpError, endpoint: string, tokenSet: boolean): string {
  const said = cause.hubMessage === null ? '' : ` (${cause.hubMessage})`;
  if (cause.status === 401 || cause.status === 403) {
    return tokenSet
      ? `${endpoint} refused the token with ${cause.status}${said}; check HF_TOKEN`
      : `${endpoint} answered ${cause.status}${said} to an anonymous request; set HF_TOKEN`;
  }
  if (cause.status === 404) {
    return (
      `${endpoint} answered 404 to /api/models${said}; ` +
      '--upstream (HF_ENDPOINT) takes the base URL, without /api/models'
    );
  }
  return `${endpoint} answered ${cause.status}${said} after ${plural(cause.attempts, 'attempt')}`;
}

function retryReason(event: RetryEvent): string {
  if (event.reason === 'timeout') return 'no answer within the timeout';
  if (event.reason === 'network') return networkReason(event.message);
  if (event.reason === 'rate-limited') return 'HTTP 429 (rate limited)';
  return event.status === undefined ? event.message : `HTTP ${event.status}`;
}

/** undici's errors, by the system error they carry, in a few words. */
const NETWORK_REASONS: [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection refused'],
  [/ENOTFOUND/, 'unknown host name'],
  [/EAI_AGAIN/, 'DNS lookup failed'],
  [/ECONNRESET|other side closed|socket hang up|terminated/i, 'connection dropped'],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|Connect Timeout/i, 'connection timed out'],
  [/EHOSTUNREACH|ENETUNREACH/, 'network unreachable'],
  [/bad port/, 'blocked port (fetch never connects to it)'],
  [/certificate|CERT_|SSL|TLS/i, 'TLS certificate not accepted'],
];

function networkReason(detail: string): string {
  return NETWORK_REASONS.find(([pattern]) => pattern.test(detail))?.[1] ?? detail.slice(0, 120);
}

/** The innermost messages and codes of an error's causes: undici hides the useful part (`ECONNREFUSED`) there. */
function causeChain(error: Error): string {
  const parts: string[] = [];
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    const code = 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
    parts.push(`${cause.message}${code}`);
  }
  return parts.length > 0 ? parts.join(': ') : error.message;
}

/** `likes`, or `search="/a"` for a partition query: what the line is about, shorter than its URL. */
function queryLabel(url: string): string {
  const params = new URL(url).searchParams;
  const search = params.get('search');
  return search === null ? (params.get('sort') ?? 'listing') : `search=${JSON.stringify(search)}`;
}

function causeKind(cause: Error | undefined): string {
  if (cause instanceof HubHttpError) return `http ${cause.status}`;
  return cause?.name ?? 'none';
}
