import { describe, expect, it } from 'vitest';
import type { PageEvent } from '../../src/catalog/index.ts';
import { pageLine, progressLine, type ProgressState } from '../../src/cli/progress.ts';
import { retryLine } from '../../src/cli/upstream-messages.ts';

const page = (overrides: Partial<PageEvent>): PageEvent => ({
  capture: 'likes',
  page: 0,
  items: 1000,
  hasNext: false,
  capped: false,
  rateLimitRemaining: null,
  durationMs: 12,
  uniqueSoFar: 1000,
  requestsSoFar: 1,
  ...overrides,
});

const state = (overrides: Partial<ProgressState>): ProgressState => ({
  models: 1290,
  requests: 2,
  last: 'likes page 2',
  partition: null,
  retry: null,
  ...overrides,
});

/** Shows the ratio it was given, so a test sees how full the bar would be. */
const bar = (ratio: number) => `[${ratio.toFixed(3)}]`;

describe('fetch progress on a terminal', () => {
  it('shows counts and a rate while the total is unknown, never a bar that is always full', () => {
    expect(progressLine(state({}), 2000, bar)).toBe(
      'fetching · 1,290 models · 2 requests · 645 models/s · last: likes page 2',
    );
  });

  it('shows a bar over the planned partition queries once they are known', () => {
    expect(progressLine(state({ partition: { answered: 12, planned: 39 } }), 2000, bar)).toBe(
      `partition [${(12 / 39).toFixed(3)}] 12/39 queries · 1,290 models · 2 requests`,
    );
  });

  it('says when it is waiting out a retry', () => {
    expect(progressLine(state({ requests: 1, retry: 'attempt 2 of 6 in 1.1 s' }), 1000, bar)).toBe(
      'fetching · 1,290 models · 1 request · 1,290 models/s · last: likes page 2 · waiting to retry: attempt 2 of 6 in 1.1 s',
    );
  });
});

describe('fetch progress as plain lines', () => {
  it('tells a capped first page from the end of a listing, in singular where it is one', () => {
    expect(pageLine(page({ capped: true }))).toBe(
      'page 1 of likes: 1,000 items, capped (full page, no cursor) · 1,000 unique · 1 request',
    );
    expect(pageLine(page({ page: 1, items: 377, uniqueSoFar: 1377, requestsSoFar: 2 }))).toBe(
      'page 2 of likes: 377 items, end of listing · 1,377 unique · 2 requests',
    );
    expect(pageLine(page({ hasNext: true, items: 1 }))).toBe(
      'page 1 of likes: 1 item, more to come · 1,000 unique · 1 request',
    );
  });

  it('numbers partition queries as they are answered', () => {
    const event = page({ capture: 'part search="/a"', items: 39, partition: { answered: 1, planned: 39 } });
    expect(pageLine(event)).toBe(
      'page 1 of part search="/a": 39 items, end of listing · 1,000 unique · 1 request · partition 1/39',
    );
  });

  it.each([
    [{ reason: 'network', message: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9' }, 'connection refused'],
    [{ reason: 'network', message: 'fetch failed: getaddrinfo ENOTFOUND hub.invalid' }, 'unknown host name'],
    [{ reason: 'timeout', message: 'timed out after 30000 ms' }, 'no answer within the timeout'],
    [{ reason: 'status', message: 'HTTP 503: Service Unavailable', status: 503 }, 'HTTP 503'],
    [{ reason: 'rate-limited', message: 'HTTP 429', status: 429 }, 'HTTP 429 (rate limited)'],
  ] as const)('retries read as one short line: %o', (failure, reason) => {
    const url = 'http://127.0.0.1:9/api/models?inference_provider=hf-inference&sort=downloads&limit=1000';
    expect(retryLine({ url, attempt: 2, waitMs: 2150, ...failure }, 6)).toBe(
      `downloads: 127.0.0.1:9 — ${reason}; attempt 2 of 6, next retry in 2.2 s`,
    );
  });
});
