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
  const servers = useServers(3, () => ({ HUBCAT_CACHE_URL: redis.url, HUBCAT_RATE_LIMIT: '100' }));

  it('lets one client make 100 (±5%) across all three, then answers 429 with Retry-After', async () => {
    const answers: Answer[] = [];
    // Ten at a time, turn about across the replicas, as a load balancer would spread one client's requests.
    for (let round = 0; round < 13; round++) {
      const batch = Array.from({ length: 10 }, (_, i) => post(servers[(round * 10 + i) % 3]!.url));
      answers.push(...(await Promise.all(batch)));
    }
    const admitted = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429);
    expect(admitted).toBeGreaterThanOrEqual(95);
    expect(admitted).toBeLessThanOrEqual(105);
    expect(refused.length + admitted).toBe(answers.length);
    for (const answer of refused) {
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
      expect(answer.code).toBe('RATE_LIMITED');
      expect(answer.rateLimit).toMatch(/^"per-client";r=0;t=\d+$/);
    }
    // Every replica refuses now, not only the one that counted the hundredth request.
    for (const server of servers) expect((await post(server.url)).status).toBe(429);
  });

  it('says the policy and what is left on every answer (IETF RateLimit headers)', async () => {
    const answer = await post(servers[0]!.url);
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
    // Each request waited at most the limiter's 250 ms for Redis, never a command's 2 s deadline.
    expect(performance.now() - started).toBeLessThan(7 * 1000);
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
