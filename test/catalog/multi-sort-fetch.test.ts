import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { FetchFailedError } from '../../src/catalog/index.ts';
import { fetchFrom, PROVIDER, sortedIds } from '../support/fetch.ts';

const PRESET = 'gateway-2025-10';

describe('multi-sort fetch in capped mode (the gateway we learned from)', () => {
  const emulator = useEmulator({ preset: PRESET, capped: true });

  it('reproduces the 1,000 / 204 / 796 split of likes and downloads', async () => {
    const { report, models } = await fetchFrom(emulator.url);

    const [likes, downloads] = report.sorts;
    expect(likes).toMatchObject({
      sort: 'likes',
      pages: 1,
      returned: 1000,
      new: 1000,
      duplicates: 0,
      cumulativeUnique: 1000,
      capped: true,
      exhausted: false,
    });
    expect(downloads).toMatchObject({
      sort: 'downloads',
      pages: 1,
      returned: 1000,
      new: 204,
      duplicates: 796,
      cumulativeUnique: 1204,
      capped: true,
      exhausted: false,
    });
    expect(report.uniqueModels).toBe(1204);
    expect(models.size).toBe(1204);
    expect(report.overlaps).toEqual([
      { a: 'likes', b: 'downloads', shared: 796, onlyA: 204, onlyB: 204, jaccard: 796 / 1204 },
    ]);
    expect(report.complete).toBe(false);
    expect(report.requestCount).toBe(2);
  });

  it('reports the Chapman and Chao estimates for that run as lower bounds, and the coverage basis', async () => {
    const { report } = await fetchFrom(emulator.url);

    expect(report.completeness).toMatchObject({ proven: false, method: 'none' });
    const [chapman] = report.estimates!.chapman;
    expect(chapman).toMatchObject({ a: 'likes', b: 'downloads', n1: 1000, n2: 1000, recaptured: 796 });
    expect(chapman!.estimate).toBeCloseTo((1001 * 1001) / 797 - 1, 6);
    expect(chapman!.interval95.low).toBeCloseTo(1238.439, 2);
    expect(chapman!.interval95.high).toBeCloseTo(1273.993, 2);
    expect(report.estimates!.chao).toMatchObject({ observed: 1204, f1: 408, f2: 796 });
    expect(report.estimates!.chao!.estimate).toBeCloseTo(1204 + 408 ** 2 / (2 * 796), 6);
    expect(report.estimates!.caveat).toMatch(/lower bound/i);
    expect(report.coverage.total).toBeCloseTo(1308.563, 2);
    expect(report.coverage.ratio).toBeCloseTo(1204 / 1308.563, 4);
    expect(report.coverage.basis).toMatch(/Chao/);
  });
});

describe('multi-sort fetch in cursor mode', () => {
  const emulator = useEmulator({ preset: PRESET });

  it('sees exactly the served set, each sort exhausted in 2 pages, 4 requests in all', async () => {
    emulator.resetLog();
    const { report, models } = await fetchFrom(emulator.url);

    expect(report.uniqueModels).toBe(1377);
    expect(report.complete).toBe(true);
    expect(report.completeness).toMatchObject({ proven: true, method: 'cursor' });
    expect(report.sorts.map((sort) => [sort.sort, sort.pages, sort.exhausted, sort.capped])).toEqual([
      ['likes', 2, true, false],
      ['downloads', 2, true, false],
    ]);
    expect(report.requestCount).toBe(4);
    expect(emulator.requests.filter((request) => request.path === '/api/models')).toHaveLength(4);
    expect(sortedIds([...models].map((model) => model.id))).toEqual(emulator.servedIds(PROVIDER));
    expect(report.coverage).toMatchObject({ ratio: 1, total: 1377 });
  });

  it('pages 14 times per sort at page size 100', async () => {
    const { report } = await fetchFrom(emulator.url, { pageSize: 100 });
    expect(report.sorts.map((sort) => sort.pages)).toEqual([14, 14]);
    expect(report.uniqueModels).toBe(1377);
  });

  it('normalizes Hub items into models that remember the sorts that found them', async () => {
    const { models } = await fetchFrom(emulator.url);
    const model = models.model(0);
    const raw = emulator.models.find((candidate) => candidate.id === model.id)!;
    expect(model).toMatchObject({
      id: raw.id,
      author: raw.author,
      name: raw.id.split('/')[1],
      downloads: raw.downloads,
      likes: raw.likes,
      pipelineTag: raw.pipeline_tag ?? null,
      libraryName: raw.library_name ?? null,
      createdAt: raw.createdAt,
      url: `${emulator.url}/${raw.id}`,
    });
    expect(model.foundBy).toEqual(['likes', 'downloads']);
    expect(model.providers.some((mapping) => mapping.provider === PROVIDER && mapping.status === 'live')).toBe(true);
  });
});

describe('faults during a multi-sort fetch', () => {
  const emulator = useEmulator({ preset: PRESET });

  it('waits out a 429 with RateLimit r=0;t=1 for t+1 seconds and completes', async () => {
    emulator.resetLog();
    emulator.setFaults([{ on: 1, kind: 'rate-limit', resetSeconds: 1 }]);
    const { report, waits } = await fetchFrom(emulator.url, { concurrency: 1 });
    emulator.setFaults([]);

    expect(waits).toEqual([2000]);
    expect(report.uniqueModels).toBe(1377);
    expect(report.complete).toBe(true);
    expect(report.requestCount).toBe(5);
  });

  it('retries a 503 on page 2 and completes', async () => {
    emulator.resetLog();
    emulator.setFaults([{ on: 2, kind: 'status', status: 503 }]);
    const { report } = await fetchFrom(emulator.url, { sorts: ['likes'] });
    emulator.setFaults([]);

    expect(report.sorts[0]).toMatchObject({ pages: 2, requests: 3, exhausted: true, error: null });
    expect(report.uniqueModels).toBe(1377);
  });

  it('fails only the sort whose page is malformed, and says which sort and page', async () => {
    emulator.resetLog();
    emulator.setFaults([{ on: 3, kind: 'malformed' }]); // with one request in flight: likes p1, downloads p1, likes p2
    const { report } = await fetchFrom(emulator.url, { concurrency: 1 });
    emulator.setFaults([]);

    const failed = report.sorts.find((sort) => sort.error !== null)!;
    expect(failed.sort).toBe('likes');
    expect(failed.errorPage).toBe(2);
    expect(failed.error).toMatch(/^HubProtocolError on page 2/);
    expect(report.errors).toEqual([`likes: ${failed.error}`]);
    // downloads still ran its cursor out, so the catalog is complete despite the failure.
    expect(report.complete).toBe(true);
    expect(report.uniqueModels).toBe(1377);
  });

  it('treats a fetch whose every sort failed as an error, not an empty catalog', async () => {
    emulator.setFaults([{ on: 'all', kind: 'status', status: 404 }]);
    const failure = await fetchFrom(emulator.url).catch((error: unknown) => error);
    emulator.setFaults([]);

    expect(failure).toBeInstanceOf(FetchFailedError);
    expect((failure as FetchFailedError).report.errors).toHaveLength(2);
    expect((failure as FetchFailedError).report.uniqueModels).toBe(0);
  });
});
