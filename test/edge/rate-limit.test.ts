import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey } from '../../src/app/client-key.ts';
import { listen, type RunningServer } from '../../src/app/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor } from '../support/graphql.ts';
import { startOwnRedis, type OwnRedis } from '../support/redis-server.ts';

const TYPENAME = JSON.stringify({ query: '{ __typename }' });

interface Answer {
  status: number;
  retryAfter: string | null;
  rateLimit: string | null;
  policy: string | null;
  code: unknown;
}

async function post(url: string, body = TYPENAME, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const json = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    rateLimit: response.headers.get('ratelimit'),
    policy: response.headers.get('ratelimit-policy'),
    code: json.errors?.[0]?.extensions?.code ?? null,
  };
}

/** Servers of `hubcat serve`'s kind over one emulator, each with these settings. */
function useServers(count: number, env: () => Record<string, string>) {
  const emulator = useEmulator({ preset: 'tiny' });
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    for (let i = 0; i < count; i++) {
      servers.push(await listen(appFor(emulator.url, { replicaId: `replica-${i}` }, {}, env()), 0, '127.0.0.1'));
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  return servers;
}

describe('three replicas on one Redis, limit 100 requests a minute per client', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(() => redis.stop());
  const servers = useServers(3, () => ({
    HUBCAT_CACHE_URL: redis.url,
    HUBCAT_RATE_LIMIT: '100',
    HUBCAT_TRUST_PROXY: 'x-forwarded-for',
  }));
  const client = { 'x-forwarded-for': '198.51.100.9' };

  it('lets one client make 100 (±5%) across all three, then answers 429 with Retry-After', async () => {
    // Each replica's first request (from another client) warms it up, so the client's own run is not slowed by it:
    // a token refills every 0.6 s, and a run of 3 s would add 5.
    for (const server of servers) await post(server.url, TYPENAME, { 'x-forwarded-for': '198.51.100.8' });
    const answers: Answer[] = [];
    const started = performance.now();
    // Ten at a time, turn about across the replicas, as a load balancer would spread one client's requests.
    for (let round = 0; round < 13; round++) {
      const batch = Array.from({ length: 10 }, (_, i) => post(servers[(round * 10 + i) % 3]!.url, TYPENAME, client));
      answers.push(...(await Promise.all(batch)));
    }
    const elapsedMs = performance.now() - started;
    const admitted = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429);
    // The bucket holds 100 and refills 100 a minute: the burst, plus what refilled while the requests ran.
    expect(admitted).toBeGreaterThanOrEqual(95);
    expect(admitted).toBeLessThanOrEqual(Math.min(105, 100 + Math.ceil((elapsedMs * 100) / 60_000)));
    expect(refused.length + admitted).toBe(answers.length);
    for (const answer of refused) {
      // One token refills in 0.6 s.
      expect(Number(answer.retryAfter)).toBe(1);
      expect(answer.code).toBe('RATE_LIMITED');
      expect(answer.rateLimit).toMatch(/^"per-client";r=0;t=\d+$/);
    }
    // Every replica refuses now, not only the one that took the last token: a request of six tokens (1 + 500 × 11
    // fields: 5,501), which would take 3.6 s to refill, so that no token refilled meanwhile lets one through.
    const fields = 'id likes downloads author name license createdAt lastModified gated private trendingScore';
    const page = JSON.stringify({ query: `{ models(first: 500) { nodes { ${fields} } } }` });
    for (const server of servers) {
      const answer = await post(server.url, page, client);
      expect(answer.status).toBe(429);
    }
  });

  it('says the policy and what is left on every answer (IETF RateLimit headers)', async () => {
    const answer = await post(servers[0]!.url, TYPENAME, { 'x-forwarded-for': '198.51.100.10' });
    expect(answer.policy).toBe('"per-client";q=100;w=60');
    expect(answer.rateLimit).toMatch(/^"per-client";r=\d+;t=\d+$/);
  });
});

describe('per client, in memory, weighed by cost', () => {
  const servers = useServers(1, () => ({
    HUBCAT_RATE_LIMIT: '20',
    HUBCAT_RATE_LIMIT_COST: '100',
    HUBCAT_TRUST_PROXY: 'x-forwarded-for',
  }));
  const remaining = (answer: Answer) => Number(/r=(\d+)/.exec(answer.rateLimit ?? '')?.[1]);

  it('counts a 500-model page as several requests and { __typename } as one', async () => {
    const client = { 'x-forwarded-for': '198.51.100.1' };
    const cheap = await post(servers[0]!.url, TYPENAME, client);
    expect(remaining(cheap)).toBe(19);
    // 1 + 500 × (1 + 1) fields: 1,001, i.e. eleven requests of cost 100.
    const page = JSON.stringify({ query: '{ models(first: 500) { nodes { id likes } } }' });
    const expensive = await post(servers[0]!.url, page, client);
    expect(expensive.status).toBe(200);
    expect(remaining(expensive)).toBe(19 - 11);
    const refused = await post(servers[0]!.url, page, client);
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('RATE_LIMITED');
    // It took one token as it arrived (7 left) and lacks 3 of the 10 more: 3 tokens at 20 a minute are 9 s away.
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(8);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(9);
    // A refused request takes nothing more: { __typename } still passes.
    expect((await post(servers[0]!.url, TYPENAME, client)).status).toBe(200);
  });

  it("keys clients by the trusted proxy's last address, not by what the client wrote before it", async () => {
    const spoofed = { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' };
    for (let i = 0; i < 20; i++) expect((await post(servers[0]!.url, TYPENAME, spoofed)).status).toBe(200);
    expect((await post(servers[0]!.url, TYPENAME, spoofed)).status).toBe(429);
    const otherPrefix = { 'x-forwarded-for': '203.0.113.7, 198.51.100.3' };
    expect((await post(servers[0]!.url, TYPENAME, otherPrefix)).status).toBe(200);
  });

  it('leaves the probes alone', async () => {
    const response = await fetch(`${servers[0]!.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toBeNull();
  });
});

describe('GET /v1/models, weighed by what it lists', () => {
  const servers = useServers(1, () => ({
    HUBCAT_RATE_LIMIT: '100',
    HUBCAT_RATE_LIMIT_COST: '100',
    HUBCAT_TRUST_PROXY: 'x-forwarded-for',
  }));
  const list = (query: string, client: string) =>
    fetch(`${servers[0]!.url}/v1/models${query}`, { headers: { 'x-forwarded-for': client } });
  const left = (response: Response) => Number(/r=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1]);

  it('takes a page for its limit and the whole list for its length (16 per model, 100 a token)', async () => {
    const client = '198.51.100.20';
    const started = Date.now();
    // The bucket refills 100 tokens a minute, one every 600 ms: a loaded machine can take that long over the three.
    const leftAfter = (response: Response, taken: number) => {
      const refilled = Math.floor(((Date.now() - started) * 100) / 60_000);
      expect(left(response)).toBeGreaterThanOrEqual(100 - taken);
      expect(left(response)).toBeLessThanOrEqual(100 - taken + refilled);
    };
    const one = await list('?limit=1', client);
    expect(one.status).toBe(200);
    await one.arrayBuffer();
    leftAfter(one, 1);
    const page = await list('?limit=50', client);
    await page.arrayBuffer();
    leftAfter(page, 1 + 8);
    const whole = await list('', client);
    const { total } = (await whole.json()) as { total: number };
    expect(total).toBeGreaterThan(20);
    leftAfter(whole, 1 + 8 + Math.ceil((total * 16) / 100));
  });

  it("answers 429 in OpenAI's error shape, with Retry-After and RateLimit", async () => {
    const client = '198.51.100.21';
    // Twelve pages of 50 take 96 tokens; the thirteenth takes one as it arrives and lacks about 4 of its 7 more.
    for (let i = 0; i < 12; i++) expect((await list('?limit=50', client)).status).toBe(200);
    const refused = await list('?limit=50', client);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: {
        message: expect.stringMatching(/^Too many requests .* retry after \d+ s\.$/),
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    // 4 tokens at 100 a minute: 2.4 s, less what refilled while the twelve ran.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3);
    expect(refused.headers.get('ratelimit')).toMatch(/^"per-client";r=\d;t=\d+$/);
    // The refused page took its arrival's token only: a page of one, covered by that, passes.
    const small = await list('?limit=1', client);
    expect(small.status).toBe(200);
  });
});

describe('when the shared Redis stops answering', () => {
  let redis: OwnRedis;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  afterAll(() => redis.stop());
  const servers = useServers(1, () => ({ HUBCAT_CACHE_URL: redis.url, HUBCAT_RATE_LIMIT: '5' }));

  it('limits each replica on its own, answering at once rather than waiting on Redis', async () => {
    await redis.kill();
    const started = performance.now();
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await post(servers[0]!.url));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Not one wait of the limiter's 250 ms for Redis per request (nor a command's 2 s): the connection is known to be
    // down, so the limiter asks memory at once (the first request may still find it up and wait once).
    expect(performance.now() - started).toBeLessThan(1200);
  });
});

describe('client keys', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
