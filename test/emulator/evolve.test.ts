import { afterEach, describe, expect, it } from 'vitest';
import {
  startEmulator,
  type EmulatedModel,
  type EmulatorOptions,
  type EvolveResult,
  type EvolveSpec,
  type RunningEmulator,
} from '../../src/emulator/index.ts';
import { crawl, get, idsOf, isServed, listUrl, sorted, type Item } from './helpers.ts';

const running: RunningEmulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ preset: 'gateway-2025-10', ...options });
  running.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

const HF = 'inference_provider=hf-inference';

/** The living-catalog issue's acceptance scenario, exactly. */
const ACCEPTANCE: EvolveSpec = {
  added: 7,
  removed: [{ how: 'status-error' }, { how: 'delete' }, { how: 'unmap' }, { how: 'delete' }, { how: 'delete' }],
  updated: [{ field: 'gated' }, { field: 'pipeline_tag' }, { field: 'lastModified' }],
};

const byId = (models: readonly EmulatedModel[]) => new Map(models.map((m) => [m.id, m]));
const servedIdsOf = (models: readonly EmulatedModel[]) => sorted(models.filter((m) => isServed(m)).map((m) => m.id));

/** A listed field of a record the way the ground truth names it, `null` where absent. */
function fieldOf(model: EmulatedModel, field: string): unknown {
  const mapping = /^inferenceProviderMapping\.(.+)\.status$/.exec(field);
  if (mapping) return model.inferenceProviderMapping.find((m) => m.provider === mapping[1])?.status ?? null;
  return (model as unknown as Record<string, unknown>)[field] ?? null;
}

async function postEvolve(emu: RunningEmulator, body: string, method = 'POST') {
  const response = await fetch(`${emu.url}/__evolve`, { method, body: method === 'GET' ? undefined : body });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    json: (await response.json()) as unknown,
  };
}

describe('evolving the population: the living-catalog acceptance scenario', () => {
  it('adds 7, removes 5 and updates 3 served models, and changes nothing else', async () => {
    const emu = await start();
    const before = emu.models;
    const beforeServed = emu.servedIds();
    const result = emu.evolve(ACCEPTANCE);

    expect(result.evolution).toBe(1);
    expect(result.added).toHaveLength(7);
    expect(result.removed.map((r) => r.how)).toEqual(['status-error', 'delete', 'unmap', 'delete', 'delete']);
    expect(result.updated).toHaveLength(3);
    const addedIds = result.added.map((a) => a.id);
    const removedIds = result.removed.map((r) => r.id);
    const updatedIds = result.updated.map((u) => u.id);
    expect(new Set([...addedIds, ...removedIds, ...updatedIds]).size).toBe(15);

    const old = byId(before);
    for (const id of addedIds) expect(old.has(id)).toBe(false);
    for (const id of [...removedIds, ...updatedIds]) expect(beforeServed).toContain(id);
    const expectedServed = sorted([...beforeServed.filter((id) => !removedIds.includes(id)), ...addedIds]);
    expect(emu.servedIds()).toEqual(expectedServed);
    expect(servedIdsOf(emu.models)).toEqual(expectedServed);
    expect(result.served).toBe(1377 + 7 - 5);
    expect(result.population).toBe(before.length + 7 - 3);
    expect(emu.models).toHaveLength(before.length + 7 - 3);

    const now = byId(emu.models);
    const touched = new Set([...addedIds, ...removedIds, ...updatedIds]);
    for (const model of before) if (!touched.has(model.id)) expect(now.get(model.id)).toEqual(model);
  });

  it('states the ground truth of every removal and update in the Hub field names', async () => {
    const emu = await start();
    const old = byId(emu.models);
    const result = emu.evolve(ACCEPTANCE);
    const now = byId(emu.models);

    const [failed, deleted, unmapped] = result.removed;
    expect(failed!.fields).toEqual([
      { field: 'inferenceProviderMapping.hf-inference.status', before: 'live', after: 'error' },
    ]);
    const failedMapping = now.get(failed!.id)!.inferenceProviderMapping.find((m) => m.provider === 'hf-inference')!;
    expect(failedMapping).toMatchObject({ status: 'error', previousStatus: 'live' });
    expect(deleted!.fields).toEqual([]);
    expect(now.has(deleted!.id)).toBe(false);
    expect(unmapped!.fields).toEqual([
      { field: 'inferenceProviderMapping.hf-inference.status', before: 'live', after: null },
    ]);
    expect(now.get(unmapped!.id)!.inferenceProviderMapping.some((m) => m.provider === 'hf-inference')).toBe(false);

    for (const { id, fields } of [...result.updated, failed!, unmapped!]) {
      for (const { field, before, after } of fields) {
        expect(fieldOf(old.get(id)!, field), `${id} ${field} before`).toEqual(before);
        expect(fieldOf(now.get(id)!, field), `${id} ${field} after`).toEqual(after);
      }
      const named = new Set(fields.map((f) => f.field));
      for (const key of Object.keys({ ...old.get(id), ...now.get(id) }) as (keyof EmulatedModel)[]) {
        if (key === 'inferenceProviderMapping' || named.has(key)) continue;
        expect(now.get(id)![key], `${id} ${key} unchanged`).toEqual(old.get(id)![key]);
      }
    }
  });

  it('treats a pipeline_tag change as a commit, and gating and mappings as not', async () => {
    const emu = await start();
    const old = byId(emu.models);
    const result = emu.evolve(ACCEPTANCE);
    const now = byId(emu.models);
    const [gated, task, touched] = result.updated;

    expect(gated!.fields.map((f) => f.field)).toEqual(['gated']);
    expect(now.get(gated!.id)!.lastModified).toBe(old.get(gated!.id)!.lastModified);
    expect(now.get(gated!.id)!.sha).toBe(old.get(gated!.id)!.sha);

    expect(task!.fields.map((f) => f.field)).toEqual(['pipeline_tag', 'tags', 'lastModified', 'sha']);
    const retagged = now.get(task!.id)!;
    expect(retagged.lastModified).toBe(result.at);
    expect(retagged.lastModified > old.get(task!.id)!.lastModified).toBe(true);
    expect(retagged.tags).toContain(retagged.pipeline_tag);
    if (old.get(task!.id)!.pipeline_tag) expect(retagged.tags).not.toContain(old.get(task!.id)!.pipeline_tag);

    expect(touched!.fields.map((f) => f.field)).toEqual(['lastModified', 'sha']);
    expect(now.get(touched!.id)!.lastModified).toBe(result.at);

    const failed = result.removed[0]!;
    expect(now.get(failed.id)!.lastModified).toBe(old.get(failed.id)!.lastModified);
    expect(result.at).toBe('2025-10-20T01:00:00.000Z');
    expect(emu.evolve({}).at).toBe('2025-10-20T02:00:00.000Z');
  });
});

describe('what the listing serves after an evolution', () => {
  it('a full cursor crawl returns the evolved served set in exact order, for every sort, evolution after evolution', async () => {
    const emu = await start();
    const sorts = ['likes', 'createdAt', 'lastModified', 'trendingScore', ''] as const;
    const value = (m: EmulatedModel, sort: (typeof sorts)[number]): number =>
      sort === '' ? 0 : sort === 'likes' || sort === 'trendingScore' ? (m[sort] ?? NaN) : Date.parse(m[sort]);
    const expectedOrder = (sort: (typeof sorts)[number]) =>
      emu.models
        .filter((m) => isServed(m))
        .sort((a, b) => {
          const [va, vb] = [value(a, sort), value(b, sort)];
          if (va !== vb) return Number.isNaN(va) ? 1 : Number.isNaN(vb) ? -1 : vb - va;
          return a._id < b._id ? -1 : 1;
        })
        .map((m) => m.id);
    // Each round lists every order first, so the next evolution has built orders and cached items to bring up to date.
    for (const spec of [{}, ACCEPTANCE, { added: 30, removed: 10, updated: 10 }]) {
      emu.evolve(spec);
      for (const sort of sorts) {
        const { items } = await crawl(listUrl(emu, `${HF}&limit=500&full=true${sort ? `&sort=${sort}` : ''}`));
        expect(idsOf(items), sort).toEqual(expectedOrder(sort));
        const now = byId(emu.models);
        for (const item of items) expect(item.lastModified).toBe(now.get(item.id as string)!.lastModified);
      }
    }
  });

  it('filters, orders and projections see the new records at once', async () => {
    const emu = await start();
    await crawl(listUrl(emu, `${HF}&full=true`)); // serialized items are cached: the evolution must not serve them
    const result = emu.evolve(ACCEPTANCE);
    const now = byId(emu.models);
    const task = result.updated[1]!;
    const retagged = now.get(task.id)!;

    const newest = await get(listUrl(emu, `${HF}&sort=lastModified&limit=2&expand[]=lastModified`));
    expect(newest.items.map((i) => i.lastModified)).toEqual([result.at, result.at]);
    expect(sorted(idsOf(newest.items))).toEqual(sorted([task.id, result.updated[2]!.id]));

    const sameTask = (await crawl(listUrl(emu, `${HF}&pipeline_tag=${retagged.pipeline_tag!}`))).items;
    expect(sorted(idsOf(sameTask))).toEqual(
      servedIdsOf(emu.models.filter((m) => m.pipeline_tag === retagged.pipeline_tag)),
    );
    expect(idsOf(sameTask)).toContain(task.id);

    const gatedId = result.updated[0]!.id;
    const gatedNow = now.get(gatedId)!.gated !== false;
    const { items } = await crawl(listUrl(emu, `${HF}&gated=${gatedNow}&full=true`));
    expect(idsOf(items)).toContain(gatedId);
    const item = items.find((i) => i.id === gatedId)!;
    expect(item.gated).toEqual(now.get(gatedId)!.gated);

    const added = await crawl(listUrl(emu, `${HF}&sort=createdAt&limit=7&expand[]=createdAt`));
    expect(sorted(idsOf(added.pages[0]!.items))).toEqual(sorted(result.added.map((a) => a.id)));
  });

  it('resumes a cursor issued before the evolution after its (value, _id) position in the new order', async () => {
    const emu = await start();
    const first = await get(listUrl(emu, `${HF}&sort=likes&limit=100&expand[]=likes`));
    const boundary = first.items.at(-1)!;
    const result = emu.evolve({ ...ACCEPTANCE, added: 20 });
    const second = await get(first.next!);

    const after = (m: EmulatedModel) =>
      m.likes < (boundary.likes as number) || (m.likes === boundary.likes && m._id > (boundary._id as string));
    const expected = emu.models
      .filter((m) => isServed(m) && after(m))
      .sort((a, b) => b.likes - a.likes || (a._id < b._id ? -1 : 1))
      .slice(0, 100)
      .map((m) => m.id);
    expect(idsOf(second.items)).toEqual(expected);
    const removed = new Set(result.removed.map((r) => r.id));
    expect(idsOf(second.items).some((id) => removed.has(id))).toBe(false);
  });

  it('leaves other emulators of the same preset in this process as generated', async () => {
    const evolving = await start();
    const other = await start();
    const before = other.models;
    evolving.evolve(ACCEPTANCE);
    expect(other.models).toEqual(before);
    expect(other.servedIds()).toHaveLength(1377);
    expect((await crawl(listUrl(other, `${HF}&sort=likes`))).items).toHaveLength(1377);
    const fresh = await start();
    expect(fresh.servedIds()).toEqual(other.servedIds());
  });
});

describe('determinism', () => {
  const SEQUENCE: EvolveSpec[] = [ACCEPTANCE, { added: 3, removed: 2, updated: 4 }, { updated: 5, drift: true }];

  async function run(options: EmulatorOptions): Promise<{ results: EvolveResult[]; models: readonly EmulatedModel[] }> {
    const emu = await start(options);
    const results = SEQUENCE.map((spec) => emu.evolve(spec));
    return { results, models: emu.models };
  }

  it('gives the same evolutions and the same population for the same seed', async () => {
    const a = await run({});
    const b = await run({});
    expect(b.results).toEqual(a.results);
    expect(b.models).toEqual(a.models);
  });

  it('draws differently for another seed', async () => {
    const a = await run({ preset: 'tiny' });
    const b = await run({ preset: 'tiny', seed: 99 });
    expect(b.results.map((r) => r.added)).not.toEqual(a.results.map((r) => r.added));
  });

  it('mixes removal kinds and update fields when given counts only', async () => {
    const emu = await start();
    const result = emu.evolve({ removed: 6, updated: 10 });
    expect(new Set(result.removed.map((r) => r.how))).toEqual(new Set(['delete', 'status-error', 'unmap']));
    const fields = new Set(result.updated.map((u) => u.fields[0]!.field));
    for (const field of ['gated', 'pipeline_tag', 'library_name', 'lastModified']) expect(fields).toContain(field);
    expect([...fields].some((f) => f.startsWith('inferenceProviderMapping.'))).toBe(true);
    for (const { id } of result.updated) expect(emu.servedIds()).toContain(id);
  });
});

describe('explicit instructions', () => {
  it('acts on named models, with given values', async () => {
    const emu = await start();
    const served = emu.models.filter((m) => isServed(m));
    const [a, b, c, d] = [served[0]!, served[1]!, served[2]!, served[3]!];
    const staging = emu.models.find((m) => isServed(m, 'hf-inference', ['staging']))!;
    const result = emu.evolve({
      added: [{ id: 'acme/brand-new-model' }, { id: staging.id, how: 'status-live' }],
      removed: [{ id: a.id, how: 'unmap' }],
      updated: [
        { id: b.id, field: 'pipeline_tag', value: 'summarization' },
        { id: c.id, field: 'providerStatus', provider: 'together', value: 'live' },
        { id: d.id, field: 'gated', value: d.gated === false ? 'manual' : false },
      ],
    });
    expect(result.added).toEqual([
      { id: 'acme/brand-new-model', how: 'new' },
      { id: staging.id, how: 'status-live' },
    ]);
    const now = byId(emu.models);
    expect(now.get('acme/brand-new-model')).toMatchObject({ author: 'acme', createdAt: result.at });
    expect(emu.servedIds()).toEqual(expect.arrayContaining(['acme/brand-new-model', staging.id]));
    expect(emu.servedIds()).not.toContain(a.id);
    expect(now.get(b.id)!.pipeline_tag).toBe('summarization');
    expect(isServed(now.get(c.id)!, 'together')).toBe(true);
    expect(result.updated[1]!.fields).toEqual([
      {
        field: 'inferenceProviderMapping.together.status',
        before: fieldOf(c, 'inferenceProviderMapping.together.status'),
        after: 'live',
      },
    ]);
    expect(now.get(d.id)!.gated).toBe(d.gated === false ? 'manual' : false);
  });

  it('refuses what it cannot do, and a refused evolution changes nothing', async () => {
    const emu = await start();
    const served = emu.models.find((m) => isServed(m))!;
    const unserved = emu.models.find((m) => m.inferenceProviderMapping.length === 0)!;
    const refused: [EvolveSpec, RegExp][] = [
      [{ removed: [{ id: 'nobody/nothing' }] }, /No model "nobody\/nothing"/],
      [{ removed: [{ id: unserved.id, how: 'delete' }] }, /cannot be removed/],
      [{ removed: [{ id: served.id }], updated: [{ id: served.id }] }, /named more than once/],
      [{ added: [{ id: served.id }] }, /exists already/],
      [{ removed: 1378 }, /Not enough models to be removed/],
      [{ updated: [{ id: served.id, field: 'gated', value: served.gated }] }, /already gated/],
      [{ updated: [{ field: 'providerStatus', provider: 'hf-inference' }] }, /another provider/],
      [{ updated: [{ field: 'lastModified', value: 'x' }] }, /takes no value/],
      [{ at: '2025-10-19T00:00:00.000Z' }, /"at" must be later/],
    ];
    for (const [spec, message] of refused) expect(() => emu.evolve(spec), JSON.stringify(spec)).toThrow(message);
    expect(emu.evolutions).toBe(0);
    expect(emu.servedIds()).toHaveLength(1377);
    expect(emu.evolve({ added: 1 }).evolution).toBe(1);
  });
});

const COUNTS = new Set(['likes', 'downloads', 'downloadsAllTime', 'trendingScore']);
const withoutCounts = (model: EmulatedModel) => Object.entries(model).filter(([key]) => !COUNTS.has(key));

describe('drift', () => {
  it('is off by default: counts of untouched models stay exact', async () => {
    const emu = await start();
    const old = byId(emu.models);
    const result = emu.evolve({ updated: 1 });
    expect(result.drifted).toBe(0);
    const changed = emu.models.filter((m) => JSON.stringify(m) !== JSON.stringify(old.get(m.id)));
    expect(changed.map((m) => m.id)).toEqual([result.updated[0]!.id]);
  });

  it('moves counts of every surviving model, keeps the served set, and the listing follows', async () => {
    const emu = await start();
    const old = byId(emu.models);
    const served = emu.servedIds();
    const result = emu.evolve({ drift: true });
    expect(result.drifted).toBe(old.size);
    expect(emu.servedIds()).toEqual(served);
    const moved = emu.models.filter((m) => m.downloads !== old.get(m.id)!.downloads);
    expect(moved.length).toBeGreaterThan(old.size / 2);
    for (const model of emu.models) {
      expect(model.downloadsAllTime).toBeGreaterThanOrEqual(model.downloads);
      expect(withoutCounts(model)).toEqual(withoutCounts(old.get(model.id)!));
      expect([model.likes, model.downloads, model.downloadsAllTime].every(Number.isInteger)).toBe(true);
      if (model.trendingScore !== undefined) expect(model.trendingScore).toBeGreaterThanOrEqual(0);
    }
    const { items } = await crawl(listUrl(emu, `${HF}&sort=downloads&expand[]=downloads`));
    const expected = emu.models
      .filter((m) => isServed(m))
      .sort((a, b) => b.downloads - a.downloads || (a._id < b._id ? -1 : 1));
    expect(items.map((i: Item) => [i.id, i.downloads])).toEqual(expected.map((m) => [m.id, m.downloads]));
  });
});

describe('POST /__evolve', () => {
  it('answers with the same ground truth as evolve()', async () => {
    const overHttp = await start();
    const inProcess = await start();
    const response = await postEvolve(overHttp, JSON.stringify(ACCEPTANCE));
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/json; charset=utf-8');
    expect(response.json).toEqual(inProcess.evolve(ACCEPTANCE));
    expect(overHttp.servedIds()).toEqual(inProcess.servedIds());
    expect(overHttp.requests.at(-1)).toMatchObject({ method: 'POST', path: '/__evolve', status: 200 });
  });

  it('refuses bad bodies with a JSON 400 and other methods with 405', async () => {
    const emu = await start();
    const bad = [
      'not json',
      '[]',
      '{"added": -1}',
      '{"added": 1.5}',
      '{"removed": [{"how": "explode"}]}',
      '{"updated": [{"field": "likes"}]}',
      '{"surprise": true}',
      '{"at": "yesterday"}',
      '{"added": 100000}',
      '{"removed": [{"id": "no spaces allowed"}]}',
      '{"removed": [{"id": "nobody/nothing"}]}',
    ];
    for (const body of bad) {
      const response = await postEvolve(emu, body);
      expect(response.status, body).toBe(400);
      expect(response.json, body).toEqual({ error: expect.any(String) });
    }
    expect(((await postEvolve(emu, '{"surprise": true}')).json as { error: string }).error).toMatch(/surprise/);
    expect((await postEvolve(emu, '', 'GET')).status).toBe(405);
    expect((await postEvolve(emu, 'x'.repeat(2 << 20))).status).toBe(413);
    expect(emu.evolutions).toBe(0);
    expect((await postEvolve(emu, '')).json).toMatchObject({ evolution: 1, added: [], removed: [], updated: [] });
  });

  it('is not a listing request: no fault, quota or token applies to it', async () => {
    const emu = await start({
      tokens: ['hf_good'],
      quota: { limit: 1, windowSeconds: 60 },
      faults: [{ on: 'all', kind: 'status', status: 503 }],
    });
    const response = await fetch(`${emu.url}/__evolve`, {
      method: 'POST',
      body: '{"added": 1}',
      headers: { Authorization: 'Bearer hf_bad' },
    });
    expect(response.status).toBe(200);
    expect((await get(listUrl(emu, 'limit=1'))).status).toBe(503);
  });
});

describe('evolving on a schedule', () => {
  it('applies seeded batches every period, the same for the same seed', async () => {
    const outcomes: (EvolveResult | Error)[][] = [[], []];
    for (const seen of outcomes) {
      await start({ preset: 'tiny', evolveEvery: { seconds: 0.05, onEvolve: (outcome) => seen.push(outcome) } });
    }
    await expect.poll(() => Math.min(...outcomes.map((o) => o.length)), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    const [a, b] = outcomes.map((o) => o.slice(0, 3) as EvolveResult[]);
    expect(a!.map((r) => r.evolution)).toEqual([1, 2, 3]);
    expect(b).toEqual(a);
    for (const result of a!) {
      expect(result.added.length + result.removed.length + result.updated.length).toBeGreaterThan(0);
      expect(result.drifted).toBe(0);
    }
  });
});
