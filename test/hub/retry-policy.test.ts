import { describe, expect, it } from 'vitest';
import { RETRYABLE_STATUSES, backoffMs, retryWaitMs } from '../../src/hub/index.ts';

const middle = () => 0.5;

describe('retry policy of huggingface_hub', () => {
  it('retries exactly 408, 429, 500, 502, 503 and 504', () => {
    expect([...RETRYABLE_STATUSES].sort()).toEqual([408, 429, 500, 502, 503, 504]);
  });

  it('backs off 1, 2, 4, 8, 8 s at the centre of the jitter', () => {
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffMs(retry, middle))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('jitters each backoff within ±20 %', () => {
    expect(backoffMs(2, () => 0)).toBe(3200);
    expect(backoffMs(2, () => 0.999_999)).toBe(4800);
  });

  it('waits out the window (t + 1 s) on a 429 with r=0', () => {
    expect(retryWaitMs(429, new Headers({ RateLimit: '"api";r=0;t=189' }), 0, middle)).toBe(190_000);
  });

  it('falls back to Retry-After + 1 s, then to backoff', () => {
    expect(retryWaitMs(429, new Headers({ RateLimit: '"api";r=3;t=189', 'Retry-After': '7' }), 0, middle)).toBe(8000);
    expect(retryWaitMs(503, new Headers({ 'Retry-After': '2' }), 3, middle)).toBe(3000);
    expect(retryWaitMs(503, new Headers({ 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }), 1, middle)).toBe(2000);
    expect(retryWaitMs(502, new Headers(), 3, middle)).toBe(8000);
  });
});
