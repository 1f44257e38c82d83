import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { HubClient, type HubProviderMapping } from '../../src/hub/index.ts';
import { collect, idsOf, sorted } from './helpers.ts';

const PRESET = 'gateway-2025-10';

/** The emulator logs a query as `{key: value | values}`. */
function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return record;
}
const SERVED_BY_HF_INFERENCE = 1377;

describe('listing the models hf-inference serves (gateway-2025-10)', () => {
  const emu = useEmulator({ preset: PRESET });
  let client: HubClient;
  beforeAll(() => {
    client = new HubClient({ endpoint: emu.url });
  });

  it('returns all 1,377 in two 1,000-item pages, exactly the served set', async () => {
    emu.resetLog();
    const pages = await collect(
      client.listModels({ inferenceProvider: 'hf-inference', sort: 'createdAt', limit: 1000 }),
    );

    expect(pages.map((page) => page.items.length)).toEqual([1000, 377]);
    expect(pages.map((page) => page.index)).toEqual([0, 1]);
    const ids = idsOf(pages);
    expect(new Set(ids).size).toBe(SERVED_BY_HF_INFERENCE);
    expect(sorted(ids)).toEqual(sorted(emu.servedIds('hf-inference')));
    expect(pages[1]?.nextUrl).toBeNull();
    expect(pages.every((page) => page.requests === 1)).toBe(true);
  });

  it("requests the second page at exactly the first page's Link URL", async () => {
    emu.resetLog();
    const pages = await collect(client.listModels({ inferenceProvider: 'hf-inference', sort: 'likes', limit: 1000 }));
    const next = pages[0]?.nextUrl;

    expect(next).toMatch(/cursor=/);
    expect(pages[1]?.url).toBe(next);
    const second = emu.requests.filter((request) => request.path === '/api/models')[1];
    expect(second).toBeDefined();
    const nextUrl = new URL(next ?? '');
    expect(second?.path).toBe(nextUrl.pathname);
    expect(second?.query).toEqual(queryRecord(nextUrl.searchParams));
  });

  it('walks 14 pages at limit 100 and still gets the served set', async () => {
    const pages = await collect(
      client.listModels({ inferenceProvider: 'hf-inference', sort: 'downloads', limit: 100 }),
    );

    expect(pages).toHaveLength(14);
    expect(pages.slice(0, 13).every((page) => page.items.length === 100 && page.nextUrl !== null)).toBe(true);
    expect(pages[13]?.items).toHaveLength(77);
    expect(sorted(idsOf(pages))).toEqual(sorted(emu.servedIds('hf-inference')));
  });

  it('reports the rate-limit state and request id of each page', async () => {
    const [page] = await collect(client.listModels({ inferenceProvider: 'hf-inference', limit: 10, sort: 'likes' }));

    expect(page?.rateLimit).toEqual({
      remaining: expect.any(Number),
      resetSeconds: expect.any(Number),
      quota: expect.any(Number),
      windowSeconds: expect.any(Number),
    });
    expect(page?.requestId).toEqual(expect.any(String));
    expect(page?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends expand fields as expand[] and gets back only those fields', async () => {
    emu.resetLog();
    const url = client.buildListUrl({
      inferenceProvider: 'hf-inference',
      limit: 50,
      expand: ['likes', 'inferenceProviderMapping'],
    });
    expect(new URL(url).searchParams.getAll('expand[]')).toEqual(['likes', 'inferenceProviderMapping']);

    const page = await client.fetchPage(url, 0);
    expect(page.items).toHaveLength(50);
    for (const item of page.items) {
      expect(Object.keys(item).every((key) => ['_id', 'id', 'likes', 'inferenceProviderMapping'].includes(key))).toBe(
        true,
      );
      expect(item.likes).toEqual(expect.any(Number));
      // Listings send the array shape; the object shape is the model endpoint's and older listings'.
      const mappings = item.inferenceProviderMapping;
      expect(Array.isArray(mappings)).toBe(true);
      expect(
        (mappings as HubProviderMapping[]).some(
          (mapping) => mapping.provider === 'hf-inference' && mapping.status === 'live',
        ),
      ).toBe(true);
    }
  });
});

describe('a capped Hub (no Link header)', () => {
  it('yields one page whose nextUrl is null', async () => {
    const emu = await startEmulator({ preset: PRESET, capped: true });
    try {
      const pages = await collect(
        new HubClient({ endpoint: emu.url }).listModels({
          inferenceProvider: 'hf-inference',
          sort: 'likes',
          limit: 1000,
        }),
      );
      expect(pages).toHaveLength(1);
      expect(pages[0]?.items).toHaveLength(1000);
      expect(pages[0]?.nextUrl).toBeNull();
    } finally {
      await emu.close();
    }
  });
});
