import { afterEach, describe, expect, it } from 'vitest';
import {
  startEmulator,
  type EmulatedModel,
  type EmulatorOptions,
  type RouterModel,
  type RunningEmulator,
} from '../../src/emulator/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { get, nextLink } from './helpers.ts';

const PRESET = 'providers-2025-11';
const emu = useEmulator({ preset: PRESET });

const running: RunningEmulator[] = [];
async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  const started = await startEmulator({ preset: PRESET, ...options });
  running.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const routerUrl = (e: RunningEmulator, query = '') => `${e.routerUrl}/v1/models${query ? `?${query}` : ''}`;
type RouterList = { object: string; data: RouterModel[]; has_more?: boolean; first_id?: string; last_id?: string };

/** The router's list worked out from the population alone: chat mappings that are live or failing. */
function expectedRouter(models: readonly EmulatedModel[]) {
  return models
    .map((model) => ({
      model,
      mappings: model.inferenceProviderMapping.filter(
        (m) => m.task === 'conversational' && (m.status === 'live' || m.status === 'error'),
      ),
    }))
    .filter(({ mappings }) => mappings.length > 0)
    .sort((a, b) => (a.model.id < b.model.id ? -1 : 1));
}

describe('GET /v1/models (the router)', () => {
  it('lists every routable chat model with its providers, prices and context lengths from the mappings', async () => {
    const page = await get(routerUrl(emu));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const list = JSON.parse(page.body) as RouterList;
    expect(list.object).toBe('list');
    const expected = expectedRouter(emu.models);
    expect(list.data.map((entry) => entry.id)).toEqual(expected.map(({ model }) => model.id));
    expect(list.data).toEqual(emu.routerModels());
    list.data.forEach((entry, k) => {
      const { model, mappings } = expected[k]!;
      expect(entry).toMatchObject({ object: 'model', owned_by: model.author });
      expect(entry.created).toBe(Date.parse(model.createdAt) / 1000);
      expect(entry.providers.map((p) => [p.provider, p.status])).toEqual(mappings.map((m) => [m.provider, m.status]));
      entry.providers.forEach((provider, j) => {
        const mapping = mappings[j]!;
        expect(provider.context_length).toBe(mapping.providerDetails?.context_length);
        expect(provider.pricing).toEqual(mapping.providerDetails?.pricing);
        expect(provider.is_model_author).toBe(mapping.isModelAuthor);
        expect(typeof provider.supports_tools).toBe('boolean');
        expect(typeof provider.supports_structured_output).toBe('boolean');
        expect(provider.first_token_latency_ms === undefined).toBe(provider.status === 'error');
        expect(provider.throughput === undefined).toBe(provider.status === 'error');
      });
    });
    expect(list.data.length).toBeGreaterThan(2000);
    expect(list.data.some((entry) => entry.providers.length >= 3)).toBe(true);
    expect(list.data.some((entry) => entry.providers.some((p) => p.status === 'error'))).toBe(true);
    expect(list.data.some((entry) => entry.providers.some((p) => p.pricing === undefined))).toBe(true);
  });

  it('follows evolutions: a chat mapping that fails shows as error, one that goes away leaves', async () => {
    const evolving = await start({});
    const groqLive = evolving
      .routerModels()
      .filter((entry) => entry.providers.some((p) => p.provider === 'groq' && p.status === 'live'));
    const [failing, unmapped] = [groqLive[0]!.id, groqLive[1]!.id];
    evolving.evolve({
      provider: 'groq',
      removed: [
        { id: failing, how: 'status-error' },
        { id: unmapped, how: 'unmap' },
      ],
    });
    const after = (JSON.parse((await get(routerUrl(evolving))).body) as RouterList).data;
    const groqOf = (entries: readonly RouterModel[], id: string) =>
      entries.find((e) => e.id === id)?.providers.find((p) => p.provider === 'groq');
    expect(groqOf(after, failing)?.status).toBe('error');
    expect(groqOf(after, unmapped)).toBeUndefined();
    expect(groqOf(emu.routerModels(), unmapped)?.status).toBe('live');
  });
});

describe('router choices that are unverified, and configurable', () => {
  it('pages with a Link header and an opaque cursor when pageSize is set', async () => {
    const paged = await start({ router: { pageSize: 400 } });
    const ids: string[] = [];
    let url: string | undefined = routerUrl(paged);
    let pages = 0;
    while (url !== undefined) {
      const page = await get(url);
      expect(page.status).toBe(200);
      ids.push(...(JSON.parse(page.body) as RouterList).data.map((entry) => entry.id));
      url = nextLink(page.headers.get('link'));
      pages++;
    }
    expect(ids).toEqual(paged.routerModels().map((entry) => entry.id));
    expect(pages).toBe(Math.ceil(ids.length / 400));
    expect((await get(routerUrl(paged, 'cursor=!!!'))).status).toBe(400);
  });

  it("pages OpenAI's way (has_more, last_id, after=) when asked to", async () => {
    const paged = await start({ router: { pageSize: 1000, pagination: 'openai' } });
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await get(routerUrl(paged, after === undefined ? '' : `after=${encodeURIComponent(after)}`));
      const list = JSON.parse(page.body) as RouterList;
      expect(page.headers.get('link')).toBeNull();
      ids.push(...list.data.map((entry) => entry.id));
      expect(list.first_id).toBe(list.data[0]?.id ?? null);
      if (!list.has_more) break;
      after = list.last_id;
    }
    expect(ids).toEqual(paged.routerModels().map((entry) => entry.id));
  });

  it('authentication: optional by default, required or ignored when configured', async () => {
    const optional = await start({ tokens: ['hf_good'] });
    expect((await get(routerUrl(optional))).status).toBe(200);
    expect((await get(routerUrl(optional), { headers: { Authorization: 'Bearer hf_good' } })).status).toBe(200);
    const bad = await get(routerUrl(optional), { headers: { Authorization: 'Bearer hf_bad' } });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toEqual({
      error: { message: expect.any(String), type: 'authentication_error', code: 401 },
    });
    const required = await start({ tokens: ['hf_good'], router: { auth: 'required', errors: 'hub' } });
    const anonymous = await get(routerUrl(required));
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toEqual({ error: expect.any(String) });
    expect((await get(routerUrl(required), { headers: { Authorization: 'Bearer hf_good' } })).status).toBe(200);
    const ignored = await start({ tokens: ['hf_good'], router: { auth: 'none' } });
    expect((await get(routerUrl(ignored), { headers: { Authorization: 'Bearer hf_bad' } })).status).toBe(200);
    expect((await fetch(routerUrl(ignored), { method: 'POST' })).status).toBe(405);
  });

  it('injects faults into router requests, counted apart from the Hub listing', async () => {
    const faulty = await start({
      router: {
        faults: [
          { on: 1, kind: 'status', status: 503 },
          { on: 2, kind: 'malformed' },
          { on: 3, kind: 'invalid-item' },
          { on: 4, kind: 'drop' },
        ],
      },
      faults: [{ on: 1, kind: 'status', status: 502 }],
    });
    expect((await get(routerUrl(faulty))).status).toBe(503);
    expect((await get(`${faulty.url}/api/models?limit=1`)).status).toBe(502);
    const malformed = await get(routerUrl(faulty));
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.body) as unknown).toThrow();
    const invalid = JSON.parse((await get(routerUrl(faulty))).body) as RouterList;
    expect(invalid.data.filter((entry) => !('id' in entry))).toHaveLength(1);
    await expect(fetch(routerUrl(faulty))).rejects.toThrow();
    expect((await get(routerUrl(faulty))).status).toBe(200);
    faulty.setRouterFaults([{ on: 'all', kind: 'rate-limit', resetSeconds: 9 }]);
    const limited = await get(routerUrl(faulty));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit')).toBe('"api";r=0;t=9');
    expect(faulty.requests.filter((r) => r.path === '/v1/models')).toHaveLength(6);
  });
});
