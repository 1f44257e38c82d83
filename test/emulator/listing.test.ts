import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { startEmulator, type EmulatedModel } from '../../src/emulator/index.ts';
import { crawl, get, idsOf, isServed, listUrl, sorted, type Item } from './helpers.ts';

const emu = useEmulator({ preset: 'gateway-2025-10' });
let served: EmulatedModel[];

beforeAll(() => {
  served = emu.models.filter((m) => isServed(m));
});

const HF = 'inference_provider=hf-inference';

describe('cursor pagination', () => {
  it('returns every served model exactly once in 2 pages of 1,000', async () => {
    const { pages, items } = await crawl(listUrl(emu, `${HF}&sort=likes&limit=1000`));
    expect(pages.map((p) => p.items.length)).toEqual([1000, 377]);
    expect(idsOf(items)).toHaveLength(1377);
    expect(sorted(idsOf(items))).toEqual(emu.servedIds());
  });

  it('returns every served model exactly once in 14 pages of 100', async () => {
    const { pages, items } = await crawl(listUrl(emu, `${HF}&sort=createdAt&limit=100`));
    expect(pages).toHaveLength(14);
    expect(pages.at(-1)!.items).toHaveLength(77);
    expect(new Set(idsOf(items)).size).toBe(1377);
    expect(sorted(idsOf(items))).toEqual(emu.servedIds());
  });

  it.each(['likes', 'downloads', 'trendingScore', 'createdAt', 'lastModified', 'likes30d', ''])(
    'walks sort=%s completely in keyset order',
    async (sort) => {
      const { items } = await crawl(listUrl(emu, `${HF}${sort ? `&sort=${sort}` : ''}&limit=250`));
      expect(sorted(idsOf(items))).toEqual(emu.servedIds());
      if (sort === '') {
        const ids = items.map((i) => i._id as string);
        expect(ids).toEqual([...ids].sort());
      }
    },
  );

  it('orders descending, ties by _id ascending, missing values last', async () => {
    const { items } = await crawl(listUrl(emu, 'sort=trendingScore&limit=1000&expand[]=trendingScore'));
    expect(items).toHaveLength(emu.models.length);
    const firstMissing = items.findIndex((i) => i.trendingScore === undefined);
    expect(firstMissing).toBeGreaterThan(0);
    expect(items.slice(firstMissing).every((i) => i.trendingScore === undefined)).toBe(true);
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1]!, items[k]!];
      if (a.trendingScore !== undefined && b.trendingScore !== undefined) {
        expect(a.trendingScore as number).toBeGreaterThanOrEqual(b.trendingScore as number);
        if (a.trendingScore === b.trendingScore) expect((a._id as string) < (b._id as string)).toBe(true);
      } else if (a.trendingScore === undefined) {
        expect((a._id as string) < (b._id as string)).toBe(true);
      }
    }
  });

  it('sends an absolute Link that repeats every parameter verbatim plus the cursor', async () => {
    const query = `${HF}&sort=downloads&limit=1000&expand[]=likes&search=&direction=-1`;
    const page = await get(listUrl(emu, query));
    expect(page.headers.get('link')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/models\?[^>]+>; rel="next"$/);
    const next = new URL(page.next!);
    expect(next.origin).toBe(emu.url);
    expect(page.next!.startsWith(`${listUrl(emu, query)}&cursor=`)).toBe(true);
    const second = await get(page.next!);
    expect(second.next).toBeUndefined();
    expect(second.headers.get('link')).toBeNull();
  });

  it('keeps commas and brackets of the original query verbatim in the Link', async () => {
    const query = 'inference_provider=together,hf-inference&expand[]=likes&filter=en,transformers&limit=10';
    const page = await get(listUrl(emu, query));
    expect(page.next!.startsWith(`${listUrl(emu, query)}&cursor=`)).toBe(true);
  });

  it('builds the Link from the Host the client used', async () => {
    const page = await get(listUrl(emu, `${HF}&limit=10`).replace('127.0.0.1', 'localhost'));
    expect(page.next!.startsWith(`http://localhost:${emu.port}/api/models?`)).toBe(true);
  });

  it('replaces an existing cursor instead of appending a second one', async () => {
    const first = await get(listUrl(emu, `${HF}&limit=500`));
    const second = await get(first.next!);
    expect(new URL(second.next!).searchParams.getAll('cursor')).toHaveLength(1);
    const third = await get(second.next!);
    expect(third.items).toHaveLength(377);
    expect(third.next).toBeUndefined();
  });

  it('sends no Link when the last page is exactly full', async () => {
    const page = await get(listUrl(emu, `${HF}&pipeline_tag=text-to-image&limit=1000`));
    const count = page.items.length;
    const exact = await get(listUrl(emu, `${HF}&pipeline_tag=text-to-image&limit=${count}`));
    expect(exact.items).toHaveLength(count);
    expect(exact.next).toBeUndefined();
    const short = await get(listUrl(emu, `${HF}&pipeline_tag=text-to-image&limit=${count - 1}`));
    expect(short.next).toBeDefined();
  });

  it('rejects a garbage cursor and a cursor made for another sort', async () => {
    for (const cursor of ['garbage!!', 'bm90IGpzb24=', 'e30=']) {
      const page = await get(listUrl(emu, `${HF}&sort=likes&cursor=${encodeURIComponent(cursor)}`));
      expect(page.status).toBe(400);
      expect(JSON.parse(page.body)).toEqual({ error: 'Invalid cursor' });
    }
    const likes = await get(listUrl(emu, `${HF}&sort=likes&limit=10`));
    const cursor = new URL(likes.next!).searchParams.get('cursor')!;
    const other = await get(listUrl(emu, `${HF}&sort=downloads&cursor=${encodeURIComponent(cursor)}`));
    expect(other.status).toBe(400);
  });

  it('keeps a cursor valid across requests (keyset, not offset)', async () => {
    const first = await get(listUrl(emu, `${HF}&sort=likes&limit=100`));
    const again = await get(first.next!);
    const replay = await get(first.next!);
    expect(idsOf(replay.items)).toEqual(idsOf(again.items));
    const expected = [...served]
      .sort((a, b) => b.likes - a.likes)
      .slice(100, 200)
      .map((m) => m.id);
    expect(idsOf(again.items)).toEqual(expected);
  });
});

describe('capped mode', () => {
  it('serves only the first page, without a Link, and ignores a cursor', async () => {
    const capped = await startEmulator({ preset: 'gateway-2025-10', capped: true });
    try {
      expect(capped.label).toBe('hubcat Hub emulator (preset gateway-2025-10, capped)');
      const likes = await get(listUrl(capped, `${HF}&sort=likes&limit=1000`));
      expect(likes.items).toHaveLength(1000);
      expect(likes.headers.get('link')).toBeNull();
      const downloads = await get(listUrl(capped, `${HF}&sort=downloads&limit=1000`));
      const union = new Set([...idsOf(likes.items), ...idsOf(downloads.items)]);
      expect(union.size).toBe(1204);
      const uncapped = await get(listUrl(emu, `${HF}&sort=likes&limit=1000`));
      const withCursor = await get(
        `${listUrl(capped, `${HF}&sort=likes&limit=1000`)}&cursor=${new URL(uncapped.next!).searchParams.get('cursor')!}`,
      );
      expect(withCursor.status).toBe(200);
      expect(idsOf(withCursor.items)).toEqual(idsOf(likes.items));
      capped.setCapped(false);
      expect(capped.label).toBe('hubcat Hub emulator (preset gateway-2025-10)');
      expect((await get(listUrl(capped, `${HF}&sort=likes`))).next).toBeDefined();
    } finally {
      await capped.close();
    }
  });
});

describe('parameters', () => {
  it("rejects an invalid sort with the Hub's exact body", async () => {
    const page = await get(listUrl(emu, 'sort=trending'));
    expect(page.status).toBe(400);
    expect(page.body).toBe('{"error":"✖ Invalid sort parameter: trending"}');
    expect(page.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await get(listUrl(emu, 'sort=created'))).body).toBe('{"error":"✖ Invalid sort parameter: created"}');
  });

  it('ignores direction, offset, page and skip', async () => {
    const base = await get(listUrl(emu, `${HF}&sort=likes&limit=50`));
    for (const extra of ['direction=1', 'direction=-1', 'offset=1000', 'page=3', 'skip=20']) {
      const page = await get(listUrl(emu, `${HF}&sort=likes&limit=50&${extra}`));
      expect(idsOf(page.items)).toEqual(idsOf(base.items));
    }
  });

  it('defaults limit to 1,000 and clamps it to 1..1,000', async () => {
    expect((await get(listUrl(emu, HF))).items).toHaveLength(1000);
    expect((await get(listUrl(emu, `${HF}&limit=5000`))).items).toHaveLength(1000);
    expect((await get(listUrl(emu, `${HF}&limit=0`))).items).toHaveLength(1);
    expect((await get(listUrl(emu, `${HF}&limit=7`))).items).toHaveLength(7);
    expect((await get(listUrl(emu, `${HF}&limit=abc`))).status).toBe(400);
  });

  it('returns the default projection with modelId and omits missing values', async () => {
    const { items } = await crawl(listUrl(emu, 'limit=1000'));
    const allowed = [
      '_id',
      'id',
      'likes',
      'trendingScore',
      'private',
      'downloads',
      'tags',
      'pipeline_tag',
      'library_name',
      'createdAt',
      'modelId',
    ];
    for (const item of items) {
      expect(Object.keys(item).every((k) => allowed.includes(k))).toBe(true);
      expect(Object.values(item)).not.toContain(null);
      expect(item.modelId).toBe(item.id);
    }
    expect(items.some((i) => !('pipeline_tag' in i))).toBe(true);
    expect(items.some((i) => !('library_name' in i))).toBe(true);
    const byId = new Map(emu.models.map((m) => [m.id, m]));
    const sample = items[123]!;
    const model = byId.get(sample.id as string)!;
    expect(sample).toMatchObject({
      _id: model._id,
      likes: model.likes,
      downloads: model.downloads,
      tags: model.tags,
      createdAt: model.createdAt,
      private: false,
    });
  });

  it('adds author, sha, lastModified, gated, disabled and siblings with full=true', async () => {
    const page = await get(listUrl(emu, `${HF}&gated=true&full=true&limit=5`));
    for (const item of page.items) {
      expect(item).toHaveProperty('author');
      expect(item.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(['auto', 'manual']).toContain(item.gated);
      expect(item.disabled).toBe(false);
      expect((item.siblings as { rfilename: string }[])[0]).toHaveProperty('rfilename');
      expect(item.modelId).toBe(item.id);
      expect(item.inferenceProviderMapping).toBeUndefined();
    }
  });

  it('returns only _id, id and the expanded fields, without modelId', async () => {
    const page = await get(
      listUrl(
        emu,
        `${HF}&sort=likes&limit=20&expand[]=inferenceProviderMapping&expand=downloadsAllTime&expand[]=safetensors`,
      ),
    );
    for (const item of page.items) {
      expect(
        Object.keys(item).every((k) =>
          ['_id', 'id', 'inferenceProviderMapping', 'downloadsAllTime', 'safetensors'].includes(k),
        ),
      ).toBe(true);
      expect(item).toHaveProperty('downloadsAllTime');
      const mappings = item.inferenceProviderMapping as Item[];
      expect(
        mappings.some((m) => m.provider === 'hf-inference' && m.status === 'live' && m.providerId === item.id),
      ).toBe(true);
      for (const mapping of mappings) {
        expect(mapping).toMatchObject({ type: 'single-model' });
        expect(Object.keys(mapping)).toEqual(
          expect.arrayContaining(['_id', 'provider', 'providerId', 'status', 'task', 'isModelAuthor']),
        );
      }
    }
    expect(page.items.some((i) => !('safetensors' in i))).toBe(true);
    expect(emu.models.some((m) => m.inferenceProviderMapping.length > 1)).toBe(true);
  });

  it('rejects an unknown expand field and expand combined with full, config or cardData', async () => {
    const unknown = await get(listUrl(emu, 'expand[]=likes&expand[]=bogus'));
    expect(unknown.status).toBe(400);
    expect((JSON.parse(unknown.body) as { error: string }).error).toMatch(/expand\[1\]/);
    expect((await get(listUrl(emu, 'expand=likes,downloads'))).status).toBe(400);
    for (const other of ['full=true', 'config=true', 'cardData=true']) {
      expect((await get(listUrl(emu, `expand[]=likes&${other}`))).status).toBe(400);
    }
    expect((await get(listUrl(emu, 'expand[]=likes&full=false'))).status).toBe(200);
  });
});

describe('filters', () => {
  async function idsFor(query: string): Promise<string[]> {
    return sorted(idsOf((await crawl(listUrl(emu, `${query}&limit=1000`))).items));
  }
  const expectIds = (models: EmulatedModel[]): string[] => sorted(models.map((m) => m.id));

  it('search is a case-insensitive substring of the id', async () => {
    expect(await idsFor(`${HF}&search=BERT`)).toEqual(
      expectIds(served.filter((m) => m.id.toLowerCase().includes('bert'))),
    );
    expect(await idsFor('search=opus-mt-en')).toEqual(
      expectIds(emu.models.filter((m) => m.id.toLowerCase().includes('opus-mt-en'))),
    );
    expect(await idsFor('search=zzzzzzzz')).toEqual([]);
  });

  it('author is the exact owner, case-insensitively', async () => {
    const owner = served.find((m) => m.author === 'sentence-transformers') ?? served[0]!;
    const expected = expectIds(emu.models.filter((m) => m.author.toLowerCase() === owner.author.toLowerCase()));
    expect(await idsFor(`author=${owner.author}`)).toEqual(expected);
    expect(await idsFor(`author=${owner.author.toUpperCase()}`)).toEqual(expected);
    expect(await idsFor(`author=${owner.author.slice(0, -1)}`)).toEqual(
      expectIds(emu.models.filter((m) => m.author.toLowerCase() === owner.author.slice(0, -1).toLowerCase())),
    );
  });

  it('gated=true keeps only gated models, gated=false only the others', async () => {
    const gated = await idsFor(`${HF}&gated=true`);
    const open = await idsFor(`${HF}&gated=false`);
    expect(gated).toEqual(expectIds(served.filter((m) => m.gated === 'auto' || m.gated === 'manual')));
    expect(open).toEqual(expectIds(served.filter((m) => m.gated === false)));
    expect(gated.length + open.length).toBe(1377);
  });

  it('filter matches tags, repeated or comma-separated values ANDed', async () => {
    const both = (m: EmulatedModel): boolean => m.tags.includes('transformers') && m.tags.includes('en');
    expect(await idsFor(`${HF}&filter=transformers&filter=en`)).toEqual(expectIds(served.filter(both)));
    expect(await idsFor(`${HF}&filter=transformers,en`)).toEqual(expectIds(served.filter(both)));
    expect(await idsFor(`${HF}&filter=license:mit`)).toEqual(
      expectIds(served.filter((m) => m.tags.includes('license:mit'))),
    );
  });

  it('pipeline_tag is exact; library matches library_name or a tag', async () => {
    expect(await idsFor(`${HF}&pipeline_tag=fill-mask`)).toEqual(
      expectIds(served.filter((m) => m.pipeline_tag === 'fill-mask')),
    );
    expect(await idsFor(`${HF}&pipeline_tag=fill`)).toEqual([]);
    const library =
      (name: string) =>
      (m: EmulatedModel): boolean =>
        m.library_name === name || m.tags.includes(name);
    expect(await idsFor(`${HF}&library=transformers`)).toEqual(expectIds(served.filter(library('transformers'))));
    expect(await idsFor(`${HF}&library=pytorch`)).toEqual(expectIds(served.filter(library('pytorch'))));
  });

  it('inference_provider takes one, a comma list, repeated keys (OR) or all', async () => {
    const liveOn =
      (providers: string[]) =>
      (m: EmulatedModel): boolean =>
        m.inferenceProviderMapping.some((p) => p.status === 'live' && providers.includes(p.provider));
    expect(await idsFor('inference_provider=together')).toEqual(expectIds(emu.models.filter(liveOn(['together']))));
    const either = expectIds(emu.models.filter(liveOn(['together', 'hf-inference'])));
    expect(await idsFor('inference_provider=together,hf-inference')).toEqual(either);
    expect(await idsFor('inference_provider=together&inference_provider=hf-inference')).toEqual(either);
    expect(await idsFor('inference_provider=all')).toEqual(
      expectIds(emu.models.filter((m) => m.inferenceProviderMapping.some((p) => p.status === 'live'))),
    );
    expect(await idsFor('inference_provider=nobody')).toEqual([]);
  });

  it('num_parameters bounds safetensors.total (gguf.total for GGUF repos); models without either do not match', async () => {
    const total = (m: EmulatedModel) => m.safetensors?.total ?? m.gguf?.total;
    const within = (low: number, high: number) => (m: EmulatedModel) =>
      total(m) !== undefined && total(m)! >= low && total(m)! <= high;
    expect(await idsFor(`${HF}&num_parameters=min:100M,max:1.5B`)).toEqual(
      expectIds(served.filter(within(100e6, 1.5e9))),
    );
    expect(await idsFor('num_parameters=min:6B,max:128B')).toEqual(expectIds(emu.models.filter(within(6e9, 128e9))));
    expect((await get(listUrl(emu, 'num_parameters=lots'))).status).toBe(400);
  });

  it('ANDs different filters together', async () => {
    const expected = served.filter(
      (m) => m.pipeline_tag === 'text-classification' && m.gated === false && m.id.toLowerCase().includes('-'),
    );
    expect(await idsFor(`${HF}&pipeline_tag=text-classification&gated=false&search=-`)).toEqual(expectIds(expected));
  });

  it('servedIds honours providerStatuses', async () => {
    const wide = await startEmulator({ preset: 'gateway-2025-10', providerStatuses: ['live', 'staging'] });
    try {
      const expected = expectIds(wide.models.filter((m) => isServed(m, 'hf-inference', ['live', 'staging'])));
      expect(wide.servedIds()).toEqual(expected);
      expect(sorted(idsOf((await crawl(listUrl(wide, `${HF}&limit=1000`))).items))).toEqual(expected);
      expect(emu.servedIds('together')).toEqual(expectIds(emu.models.filter((m) => isServed(m, 'together'))));
    } finally {
      await wide.close();
    }
  });
});
