import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { crawl, get, idsOf, listUrl } from './helpers.ts';

describe('preset scale-100k', () => {
  let emu: RunningEmulator;
  let capped: RunningEmulator;
  let startMs = 0;

  beforeAll(async () => {
    const t = performance.now();
    emu = await startEmulator({ preset: 'scale-100k' });
    startMs = performance.now() - t;
    capped = await startEmulator({ preset: 'scale-100k', capped: true });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([emu.close(), capped.close()]);
  });

  it('generates 100,000 live hf-inference models among 120,000, with unique ids, at startup', () => {
    expect(PRESETS['scale-100k']).toMatchObject({ population: 120_000, served: 100_000 });
    expect(emu.models).toHaveLength(120_000);
    expect(emu.servedIds()).toHaveLength(100_000);
    expect(new Set(emu.models.map((m) => m.id)).size).toBe(120_000);
    expect(new Set(emu.models.map((m) => m._id)).size).toBe(120_000);
    // About 2 s on an idle machine; the bound leaves room for a busy CI runner.
    expect(startMs).toBeLessThan(20_000);
  });

  it('walks all 100,000 served models once with the likes cursor, ties and all', async () => {
    const { pages, items } = await crawl(
      listUrl(emu, 'inference_provider=hf-inference&sort=likes&limit=1000&expand[]=likes'),
    );
    expect(pages).toHaveLength(100);
    expect(new Set(idsOf(items)).size).toBe(100_000);
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1]!, items[k]!];
      expect(
        (a.likes as number) > (b.likes as number) || (a.likes === b.likes && (a._id as string) < (b._id as string)),
      ).toBe(true);
    }
  }, 120_000);

  it('answers a couple thousand filtered capped queries in milliseconds each', async () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_.';
    const queries: string[] = [];
    for (const a of alphabet) for (const b of alphabet.slice(0, 26)) queries.push(`search=${a}/${b}`);
    for (const a of alphabet.slice(0, 20))
      queries.push(`search=${a}/&gated=true`, `search=${a}/&gated=false`, `author=${a}`);
    queries.push(...['google', 'facebook', 'BAAI', 'nobody-at-all'].map((author) => `author=${author}`));
    queries.push('pipeline_tag=translation&filter=en', 'library=timm', 'num_parameters=min:100M,max:1B&gated=false');
    expect(queries.length).toBeGreaterThan(1000);

    const t = performance.now();
    let results = 0;
    for (const query of queries) {
      const page = await get(listUrl(capped, `inference_provider=hf-inference&sort=createdAt&limit=1000&${query}`));
      expect(page.status).toBe(200);
      expect(page.next).toBeUndefined();
      results += page.items.length;
    }
    const perQuery = (performance.now() - t) / queries.length;
    expect(results).toBeGreaterThan(10_000);
    // A few ms each on an idle machine (most of it HTTP); the bound catches a per-request sort or a slow scan.
    expect(perQuery).toBeLessThan(60);
  }, 180_000);

  it('finds exactly the models a substring search should, case-insensitively', async () => {
    const needle = 'E/B';
    const expected = emu.models
      .filter(
        (m) =>
          m.id.toLowerCase().includes(needle.toLowerCase()) &&
          m.inferenceProviderMapping.some((p) => p.provider === 'hf-inference' && p.status === 'live'),
      )
      .map((m) => m.id)
      .sort();
    const { items } = await crawl(
      listUrl(emu, `inference_provider=hf-inference&search=${encodeURIComponent(needle)}&limit=1000`),
    );
    expect(idsOf(items).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
  });
});

describe('preset scale-1m', () => {
  const emu = useEmulator({ preset: 'scale-1m' }, 180_000);

  it('serves 1,000,000 live hf-inference models with unique ids, walked by keyset from a cursor', async () => {
    const served = emu.servedIds();
    expect(served).toHaveLength(1_000_000);
    expect(new Set(served).size).toBe(1_000_000);
    const first = await get(listUrl(emu, 'inference_provider=hf-inference&sort=likes&limit=1000&expand[]=likes'));
    const second = await get(first.next!);
    const items = [...first.items, ...second.items];
    expect(new Set(idsOf(items)).size).toBe(2000);
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1]!, items[k]!];
      expect(
        (a.likes as number) > (b.likes as number) || (a.likes === b.likes && (a._id as string) < (b._id as string)),
      ).toBe(true);
    }
  }, 180_000);
});
