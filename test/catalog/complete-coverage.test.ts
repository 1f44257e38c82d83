import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { startCappingProxy } from '../support/capping-proxy.ts';
import { fetchFrom, PROVIDER, sortedIds } from '../support/fetch.ts';

const PRESET = 'gateway-2025-10';
const AUTO = { strategy: 'auto', sorts: ['createdAt', 'likes', 'downloads'] } as const;

describe('auto strategy against a capped upstream', () => {
  const emulator = useEmulator({ preset: PRESET, capped: true });

  it('reaches every served model with a named covering proof in at most 100 requests', async () => {
    emulator.resetLog();
    const { report, models } = await fetchFrom(emulator.url, { ...AUTO, sorts: [...AUTO.sorts] });

    expect(sortedIds([...models].map((model) => model.id))).toEqual(emulator.servedIds(PROVIDER));
    expect(report.complete).toBe(true);
    expect(report.completeness.method).toBe('covering-partition');
    expect(report.completeness.uncoveredRisk).toEqual([]);
    expect(report.completeness.premises.length).toBeGreaterThan(0);
    expect(report.requestCount).toBeLessThanOrEqual(100);
    expect(emulator.requests.filter((request) => request.path === '/api/models')).toHaveLength(report.requestCount);
    expect(report.coverage).toMatchObject({ ratio: 1, total: 1377 });
  });

  it("still shows the seed's 1,000 / 204 / 796 for likes and downloads, then what each further sort and part added", async () => {
    const { report } = await fetchFrom(emulator.url, { ...AUTO, sorts: [...AUTO.sorts] });

    expect(report.sorts.map((sort) => sort.sort)).toEqual([
      'likes',
      'downloads',
      'trendingScore',
      'createdAt',
      'lastModified',
    ]);
    expect(report.sorts[0]).toMatchObject({ returned: 1000, new: 1000, duplicates: 0 });
    expect(report.sorts[1]).toMatchObject({ returned: 1000, new: 204, duplicates: 796, cumulativeUnique: 1204 });
    const lastSort = report.sorts.at(-1)!;
    const added = report.parts.reduce((sum, part) => sum + part.new, 0);
    expect(lastSort.cumulativeUnique + added).toBe(1377);
    expect(report.parts.at(-1)!.cumulativeUnique).toBe(1377);
    // Every leaf of the covering family answered below the cap; every refined part came back full.
    for (const part of report.parts) {
      expect(part.error).toBeNull();
      if (part.refined) expect(part.capped).toBe(true);
      else expect(part.exhausted).toBe(true);
    }
    expect(report.completeness.coveringParts).toBe(report.parts.filter((part) => !part.refined).length);
  });

  it.each([1, 3, 4, 20, 41])(
    'never sends more than a budget of %i requests, and then does not claim completeness',
    async (budget) => {
      emulator.resetLog();
      const { report } = await fetchFrom(emulator.url, { ...AUTO, sorts: [...AUTO.sorts], maxRequests: budget });

      expect(emulator.requests.filter((request) => request.path === '/api/models').length).toBeLessThanOrEqual(budget);
      expect(report.requestCount).toBeLessThanOrEqual(budget);
      expect(report.complete).toBe(false);
      expect(report.completeness.proven).toBe(false);
      expect(report.completeness.uncoveredRisk.join('\n')).toMatch(/request budget/);
      expect(report.estimates).not.toBeNull();
      if (report.coverage.ratio !== null) expect(report.coverage.ratio).toBeLessThan(1);
      else expect(report.coverage.basis).toMatch(/^unknown/);
    },
  );

  it('completes within a budget that fits the configured sorts and the covering family', async () => {
    // 3 configured sorts + 39 first-character parts; an extra sort key gets what is left.
    const { report } = await fetchFrom(emulator.url, { ...AUTO, sorts: [...AUTO.sorts], maxRequests: 43 });
    expect(report.requestCount).toBe(43);
    expect(report.complete).toBe(true);
    expect(report.sorts.filter((sort) => sort.pages === 0)).toHaveLength(1);
  });
});

describe('auto strategy against a paginating upstream', () => {
  const emulator = useEmulator({ preset: PRESET });

  it('crawls createdAt, likes and downloads to the end: complete by cursor in at most 6 requests', async () => {
    const { report, models } = await fetchFrom(emulator.url, { ...AUTO, sorts: [...AUTO.sorts] });

    expect(report.complete).toBe(true);
    expect(report.completeness).toMatchObject({ proven: true, method: 'cursor' });
    expect(report.requestCount).toBeLessThanOrEqual(6);
    expect(report.parts).toEqual([]);
    expect(sortedIds([...models].map((model) => model.id))).toEqual(emulator.servedIds(PROVIDER));
  });

  it('shows the capped view a client without cursors would get: likes ∪ downloads = 1,204, 796 shared', async () => {
    const { report } = await fetchFrom(emulator.url, { ...AUTO, sorts: [...AUTO.sorts] });
    const view = report.cappedView!;

    expect(view.cap).toBe(1000);
    expect(view.sorts.slice(0, 2)).toEqual([
      { sort: 'likes', size: 1000, cumulativeUnique: 1000 },
      { sort: 'downloads', size: 1000, cumulativeUnique: 1204 },
    ]);
    expect(view.overlaps.find((overlap) => overlap.a === 'likes' && overlap.b === 'downloads')).toMatchObject({
      shared: 796,
    });
  });
});

describe("staying inside the Hub's rate limit", () => {
  const emulator = useEmulator({ preset: PRESET, capped: true, quota: { limit: 20, windowSeconds: 1 } });

  it('pauses for the window to reset instead of running into 429s, and reports the pauses', async () => {
    emulator.resetLog();
    const { report } = await fetchFrom(emulator.url, { ...AUTO, sorts: [...AUTO.sorts] });

    expect(report.complete).toBe(true);
    expect(report.uniqueModels).toBe(1377);
    expect(emulator.requests.filter((request) => request.status === 429)).toEqual([]);
    expect(report.rateLimit.pauses).toBeGreaterThanOrEqual(2);
    expect(report.rateLimit.waitedMs).toBeGreaterThan(0);
  }, 60_000);
});

describe('an upstream that caps below the page size', () => {
  const emulator = useEmulator({ preset: PRESET, capped: true });
  let proxy: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    proxy = await startCappingProxy(emulator.url, 500);
  });
  afterAll(() => proxy.close());

  it('is not mistaken for a listing that fit in one page: multi-sort reports it incomplete', async () => {
    const { report } = await fetchFrom(proxy.url, { strategy: 'multi-sort', sorts: ['likes', 'downloads'] });

    expect(report.sorts.map((sort) => [sort.returned, sort.exhausted, sort.capped])).toEqual([
      [500, false, true],
      [500, false, true],
    ]);
    expect(report.upstreamCap).toBe(500);
    expect(report.complete).toBe(false);
  });

  it('is partitioned against its real cap, and covered', async () => {
    const { report, models } = await fetchFrom(proxy.url, { ...AUTO, sorts: [...AUTO.sorts] });

    expect(report.upstreamCap).toBe(500);
    expect(report.complete).toBe(true);
    expect(sortedIds([...models].map((model) => model.id))).toEqual(emulator.servedIds(PROVIDER));
  });
});

describe('the live filter', () => {
  const emulator = useEmulator({ preset: PRESET, providerStatuses: ['live', 'staging', 'error'] });

  it('keeps only models whose mapping for the provider is live, and counts the rest', async () => {
    const { report, models } = await fetchFrom(emulator.url, { ...AUTO, sorts: ['createdAt'] });
    const live = emulator.models.filter((raw) =>
      raw.inferenceProviderMapping.some((mapping) => mapping.provider === PROVIDER && mapping.status === 'live'),
    );

    expect(sortedIds([...models].map((model) => model.id))).toEqual(sortedIds(live.map((raw) => raw.id)));
    expect(report.sorts[0]!.notLive).toBeGreaterThan(0);
    expect(report.sorts[0]!.returned).toBe(models.size + report.sorts[0]!.notLive);
  });
});
