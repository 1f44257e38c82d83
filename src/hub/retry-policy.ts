import { parseRateLimit } from './rate-limit.ts';

/** Statuses `huggingface_hub` retries: request timeout, rate limit and transient gateway/server errors. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Base waits of `huggingface_hub`'s backoff, in seconds: 1, 2, 4, 8, then 8 for every later retry. */
const BACKOFF_CAP_SECONDS = 8;

/** Spread of the backoff jitter: each wait is the base times a factor drawn from [0.8, 1.2). */
const JITTER = 0.2;

/**
 * Exponential backoff with ±20 % jitter for the `retry`-th retry (0-based). Proportional jitter
 * rather than full jitter keeps the 1, 2, 4, 8 s schedule recognisable while still
 * de-synchronising clients that failed together.
 */
export function backoffMs(retry: number, random: () => number): number {
  const base = Math.min(2 ** retry, BACKOFF_CAP_SECONDS) * 1000;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * How long to wait before retrying after a retryable status, following `huggingface_hub`:
 * a 429 whose `RateLimit` says `r=0` waits out the window (`t`+1 s); otherwise a `Retry-After`
 * in seconds is honoured (+1 s); otherwise exponential backoff. Server-directed waits get no
 * jitter: they already name the moment the limit lifts.
 */
export function retryWaitMs(status: number, headers: Headers, retry: number, random: () => number): number {
  if (status === 429) {
    const limit = parseRateLimit(headers);
    if (limit !== null && limit.remaining === 0) return (Math.max(0, limit.resetSeconds) + 1) * 1000;
  }
  const retryAfter = headers.get('retry-after')?.trim();
  // Only the delta-seconds form; the HTTP-date form has not been seen from the Hub.
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return (Number(retryAfter) + 1) * 1000;
  return backoffMs(retry, random);
}
