import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.ts';
import { get, idsOf, listUrl } from './helpers.ts';

const running: RunningEmulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ preset: 'tiny', ...options });
  running.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

describe('server basics', () => {
  it('listens on an ephemeral port and names itself', async () => {
    const emu = await start();
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    expect(emu.port).toBeGreaterThan(0);
    expect(emu.label).toBe('hubcat Hub emulator (preset tiny)');
    expect(emu.models).toHaveLength(60);
  });

  it('uses the gateway preset by default', async () => {
    const emu = await startEmulator();
    running.push(emu);
    expect(emu.label).toBe('hubcat Hub emulator (preset gateway-2025-10)');
    expect(emu.servedIds()).toHaveLength(1377);
  });

  it('fails to start on an unknown preset', async () => {
    await expect(startEmulator({ preset: 'nope' })).rejects.toThrow(/Unknown emulator preset/);
  });

  it('sends JSON, a unique X-Request-Id and RateLimit headers on every response', async () => {
    const emu = await start();
    const a = await get(listUrl(emu, ''));
    const b = await get(`${emu.url}/nope`);
    for (const page of [a, b]) {
      expect(page.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(page.headers.get('x-request-id')).toBeTruthy();
      expect(page.headers.get('ratelimit')).toMatch(/^"api";r=\d+;t=\d+$/);
      expect(page.headers.get('ratelimit-policy')).toBe('"fixed window";"api";q=500;w=300');
    }
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    expect(a.headers.get('ratelimit')).toMatch(/^"api";r=500;t=(300|299)$/);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const emu = await start();
    const page = await get(`${emu.url}/api/datasets`);
    expect(page.status).toBe(404);
    expect(JSON.parse(page.body)).toHaveProperty('error');
  });

  it("serves a model's page at /<owner>/<name>, where hubcat's Model.url points, and 404 for a model it lacks", async () => {
    const emu = await start();
    const model = emu.models[0]!;
    const found = await fetch(`${emu.url}/${model.id}`);
    const missing = await fetch(`${emu.url}/nobody/nothing`);

    expect(found.status).toBe(200);
    expect(found.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await found.text();
    expect(html).toContain(`<h1>${model.id}</h1>`);
    expect(html).toContain('not the Hugging Face Hub');
    expect(missing.status).toBe(404);
  });

  it('logs every request in order, with its query, status and authentication', async () => {
    const emu = await start();
    await get(listUrl(emu, 'limit=2&filter=a&filter=b'));
    await get(`${emu.url}/elsewhere`, { headers: { Authorization: 'Bearer hf_x' } });
    await get(listUrl(emu, 'sort=bad'));
    expect(emu.requests.map((r) => [r.n, r.method, r.path, r.status, r.authenticated])).toEqual([
      [1, 'GET', '/api/models', 200, false],
      [2, 'GET', '/elsewhere', 404, true],
      [3, 'GET', '/api/models', 400, false],
    ]);
    expect(emu.requests[0]!.query).toEqual({ limit: '2', filter: ['a', 'b'] });
    expect(emu.requests[0]!.at).toBeGreaterThan(Date.now() - 60_000);
    emu.resetLog();
    expect(emu.requests).toHaveLength(0);
    await get(listUrl(emu, ''));
    expect(emu.requests[0]!.n).toBe(1);
  });

  it('adds the configured latency', async () => {
    const emu = await start({ latencyMs: 150 });
    const t = performance.now();
    await get(listUrl(emu, 'limit=1'));
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });
});

describe('authentication', () => {
  it('accepts anonymous requests and listed tokens, rejects others with 401', async () => {
    const emu = await start({ tokens: ['hf_good'] });
    expect((await get(listUrl(emu, ''))).status).toBe(200);
    expect((await get(listUrl(emu, ''), { headers: { Authorization: 'Bearer hf_good' } })).status).toBe(200);
    const bad = await get(listUrl(emu, ''), { headers: { Authorization: 'Bearer hf_bad' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toBe('{"error":"Invalid credentials in Authorization header"}');
    expect(bad.headers.get('x-request-id')).toBeTruthy();
    expect((await get(listUrl(emu, ''), { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect(emu.requests.map((r) => r.authenticated)).toEqual([false, true, false, false]);
  });

  it('accepts any bearer token when no tokens are configured', async () => {
    const emu = await start();
    expect((await get(listUrl(emu, ''), { headers: { Authorization: 'Bearer anything' } })).status).toBe(200);
    expect(emu.requests[0]!.authenticated).toBe(true);
  });
});

describe('quota', () => {
  it('counts /api/models requests in a fixed window and answers 429 with r=0 beyond the limit', async () => {
    const emu = await start({ quota: { limit: 3, windowSeconds: 60 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await get(listUrl(emu, 'limit=1'));
      expect(page.status).toBe(200);
      remaining.push(page.headers.get('ratelimit')!.split(';')[1]!);
    }
    expect(remaining).toEqual(['r=2', 'r=1', 'r=0']);
    const over = await get(listUrl(emu, 'limit=1'));
    expect(over.status).toBe(429);
    expect(JSON.parse(over.body)).toHaveProperty('error');
    expect(over.headers.get('ratelimit')).toMatch(/^"api";r=0;t=(60|59|58)$/);
    expect(over.headers.get('ratelimit-policy')).toBe('"fixed window";"api";q=3;w=60');
    expect((await get(`${emu.url}/other`)).status).toBe(404);
  });

  it('opens a new window after windowSeconds', async () => {
    const emu = await start({ quota: { limit: 1, windowSeconds: 1 } });
    await get(listUrl(emu, 'limit=1'));
    expect((await get(listUrl(emu, 'limit=1'))).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await get(listUrl(emu, 'limit=1'))).status).toBe(200);
  });

  it('is neither counted nor enforced unless passed, so clients never pause', async () => {
    const emu = await start();
    for (let i = 0; i < 510; i++) await fetch(listUrl(emu, 'limit=1')).then((r) => r.arrayBuffer());
    const page = await get(listUrl(emu, 'limit=1'));
    expect(page.status).toBe(200);
    expect(page.headers.get('ratelimit')).toMatch(/^"api";r=500;t=\d+$/);
  });
});

describe('faults', () => {
  it('status: the Nth /api/models request gets the status and body', async () => {
    const emu = await start({
      faults: [
        { on: 2, kind: 'status', status: 503 },
        { on: 3, kind: 'status', status: 502, body: '<html>Bad gateway</html>' },
      ],
    });
    expect((await get(`${emu.url}/not-counted`)).status).toBe(404);
    expect((await get(listUrl(emu, ''))).status).toBe(200);
    const second = await get(listUrl(emu, ''));
    expect(second.status).toBe(503);
    expect(JSON.parse(second.body)).toHaveProperty('error');
    const third = await get(listUrl(emu, ''));
    expect(third.status).toBe(502);
    expect(third.body).toBe('<html>Bad gateway</html>');
    expect((await get(listUrl(emu, ''))).status).toBe(200);
  });

  it('rate-limit: 429 with RateLimit r=0 and t=resetSeconds', async () => {
    const emu = await start({ faults: [{ on: 1, kind: 'rate-limit', resetSeconds: 7 }] });
    const page = await get(listUrl(emu, ''));
    expect(page.status).toBe(429);
    expect(page.headers.get('ratelimit')).toBe('"api";r=0;t=7');
    expect(JSON.parse(page.body)).toHaveProperty('error');
  });

  it('malformed: 200 with a body that is not JSON', async () => {
    const emu = await start({ faults: [{ on: 'all', kind: 'malformed' }] });
    for (const query of ['', 'search=zzzz']) {
      const page = await get(listUrl(emu, query));
      expect(page.status).toBe(200);
      expect(() => JSON.parse(page.body) as unknown).toThrow();
    }
  });

  it('invalid-item: 200 with a JSON array in which an item lacks id', async () => {
    const emu = await start({
      faults: [
        { on: 1, kind: 'invalid-item' },
        { on: 2, kind: 'invalid-item' },
      ],
    });
    const page = await get(listUrl(emu, 'limit=10'));
    expect(page.status).toBe(200);
    expect(page.items).toHaveLength(10);
    expect(page.items.filter((i) => !('id' in i))).toHaveLength(1);
    const empty = await get(listUrl(emu, 'search=zzzz'));
    expect(empty.items.some((i) => !('id' in i))).toBe(true);
  });

  it('drop: the socket closes without a response', async () => {
    const emu = await start({ faults: [{ on: 1, kind: 'drop' }] });
    await expect(fetch(listUrl(emu, ''))).rejects.toThrow();
    expect((await get(listUrl(emu, ''))).status).toBe(200);
    expect(emu.requests[0]!.status).toBe(0);
  });

  it('counts failed requests, restarts counting on resetLog and can be replaced', async () => {
    const emu = await start({ faults: [{ on: 2, kind: 'status', status: 500 }] });
    expect((await get(listUrl(emu, 'sort=bad'))).status).toBe(400);
    expect((await get(listUrl(emu, ''))).status).toBe(500);
    emu.resetLog();
    expect((await get(listUrl(emu, ''))).status).toBe(200);
    expect((await get(listUrl(emu, ''))).status).toBe(500);
    emu.setFaults([{ on: 'all', kind: 'status', status: 504 }]);
    expect((await get(listUrl(emu, ''))).status).toBe(504);
    emu.setFaults([]);
    expect((await get(listUrl(emu, ''))).status).toBe(200);
  });

  it('applies before authentication and quota', async () => {
    const emu = await start({ tokens: ['t'], faults: [{ on: 1, kind: 'status', status: 503 }] });
    expect((await get(listUrl(emu, ''), { headers: { Authorization: 'Bearer wrong' } })).status).toBe(503);
    expect((await get(listUrl(emu, ''), { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('keeps the Link on a faulty page so a client can tell the fault from the end', async () => {
    const emu = await start({ faults: [{ on: 1, kind: 'invalid-item' }] });
    const page = await get(listUrl(emu, 'inference_provider=hf-inference&limit=10'));
    expect(page.next).toBeDefined();
    const next = await get(page.next!);
    expect(idsOf(next.items)).toHaveLength(10);
  });
});
