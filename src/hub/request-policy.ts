import { setTimeout as delay } from 'node:timers/promises';
import packageJson from '../../package.json' with { type: 'json' };
import { HubUsageError } from './errors.ts';

/** How an upstream client times, retries and names its requests; the Hub's and the router's differ only in defaults. */
export interface RequestPolicy {
  /** Per request, headers and body. */
  readonly timeoutMs: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Bound on the total time one URL may spend waiting between retries. */
  readonly maxRetryWaitMs: number;
  /** Waits between retries; rejects when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly random: () => number;
  readonly userAgent: string;
  /** Largest body read from one successful response; a longer one is cut off and refused. */
  readonly maxBodyBytes: number;
}

export type RequestPolicyOptions = Partial<RequestPolicy>;

/**
 * The emulator's widest record, with every field the listing can expand, is 3,830 bytes (providers-2025-11); a page
 * holds at most 1,000 of them, 3.8 MB. Twice that leaves room for the real Hub's longer tag lists and cards, and still
 * refuses a page that would take hundreds of megabytes to parse (the concurrent pages of one fetch are read at once, so
 * a fetch holds at most its concurrency times this).
 */
export const DEFAULT_UPSTREAM_MAX_BYTES = 8 * 1024 * 1024;

/** `options` checked, with `defaults` for the retry bounds and the usual sleep, jitter and user agent otherwise. */
export function requestPolicyOf(
  options: RequestPolicyOptions,
  defaults: Pick<RequestPolicy, 'timeoutMs' | 'maxRetries' | 'maxRetryWaitMs'>,
): RequestPolicy {
  return {
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? defaults.timeoutMs),
    maxRetries: count('maxRetries', options.maxRetries ?? defaults.maxRetries),
    maxRetryWaitMs: count('maxRetryWaitMs', options.maxRetryWaitMs ?? defaults.maxRetryWaitMs),
    sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, signal === undefined ? {} : { signal })),
    random: options.random ?? Math.random,
    userAgent: options.userAgent ?? `hubcat/${packageJson.version}`,
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes ?? DEFAULT_UPSTREAM_MAX_BYTES),
  };
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new HubUsageError(`${name} must be a positive number, got ${value}`);
  return value;
}

function count(name: string, value: number): number {
  if (!(Number.isInteger(value) && value >= 0))
    throw new HubUsageError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
