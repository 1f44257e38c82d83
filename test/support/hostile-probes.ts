import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import packageJson from '../../package.json' with { type: 'json' };
import manifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { startServeProcess, type ServeProcess } from './cli.ts';
import { flood, measureDuringAttack, percentile, type Measured } from './probe-harness.ts';
import { startHostileUpstream } from './hostile-upstream.ts';
import { startOwnRedis, type OwnRedis } from './redis-server.ts';

/** How hard each probe pushes; the tests use small sizes, `npm run probe` the sizes the issue measured. */
export interface ProbeSizes {
  attackMs: number;
  /** Concurrent attacking clients. */
  clients: number;
  aliases: number;
  upstreamPageBytes: number;
  upstreamMaxBytes: number;
  distinctPages: number;
  responseCacheBytes: number;
  redisDownMs: number;
  /** How long after the attack the server's memory is read again: V8 gives memory back once it has been idle a while. */
  settleMs: number;
}

export const SMALL_PROBES: ProbeSizes = {
  attackMs: 2000,
  clients: 4,
  aliases: 90,
  upstreamPageBytes: 8 * 1024 * 1024,
  upstreamMaxBytes: 1024 * 1024,
  distinctPages: 12,
  responseCacheBytes: 2 * 1024 * 1024,
  redisDownMs: 2000,
  settleMs: 1000,
};

/** The sizes the table was measured at, against the defaults a deployment runs with. */
export const FULL_PROBES: ProbeSizes = {
  attackMs: 12_000,
  clients: 12,
  aliases: 90,
  upstreamPageBytes: 50 * 1024 * 1024,
  upstreamMaxBytes: 8 * 1024 * 1024,
  distinctPages: 246,
  responseCacheBytes: 16 * 1024 * 1024,
  redisDownMs: 12_000,
  settleMs: 30_000,
};

/** One row of the probe table: what the attack met, and what the server did meanwhile. */
export interface ProbeResult extends Measured<Record<string, number>> {
  probe: string;
  /** Whether the attack was refused or survived as it should be (each probe says what that means). */
  held: boolean;
  note: string;
}

/** A probe of the table, run at the given sizes against a `hubcat serve` of its own. */
export type Probe = (sizes: ProbeSizes) => Promise<ProbeResult>;

const json = { 'content-type': 'application/json' };
const CATALOG_READINESS = Object.keys(manifest).find((hash) =>
  (manifest as Record<string, string>)[hash]!.startsWith('query CatalogReadiness'),
)!;
const attacker = (client: number) => ({ 'x-forwarded-for': `198.51.100.${client + 1}` });

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let code: unknown = null;
  let data: unknown = null;
  try {
    const parsed = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    code = parsed.errors?.[0]?.extensions?.code ?? null;
    data = parsed.data ?? null;
  } catch {
    code = 'not JSON';
  }
  return { status: response.status, code, data, bytes: text.length };
}

/**
 * The environment and Node flags `npm start` runs the server with (malloc's mapping threshold, the young generation's
 * size), so a probe meets that server.
 */
const [, START_ASSIGNMENTS, START_FLAGS] = /^((?:[A-Z_][A-Z0-9_]*=\S+ )*)node ((?:--\S+ )*)bin\/hubcat\.js serve$/.exec(
  packageJson.scripts.start,
)!;
const START_ENV: Record<string, string> = Object.fromEntries(
  START_ASSIGNMENTS!.split(' ').flatMap((word) => (word ? [word.split('=', 2) as [string, string]] : [])),
);
const START_NODE_FLAGS = START_FLAGS!.trim();

/** Starts what a probe needs, runs it, and stops it all again, whatever happens. */
async function withServer(
  env: Record<string, string>,
  args: string[],
  run: (server: ServeProcess) => Promise<Omit<ProbeResult, 'probe'>>,
): Promise<Omit<ProbeResult, 'probe'>> {
  const server = await startServeProcess(args, {
    ...START_ENV,
    NODE_OPTIONS: START_NODE_FLAGS,
    HUBCAT_LOG_LEVEL: 'warn',
    HUBCAT_TRUST_PROXY: 'x-forwarded-for',
    ...env,
  });
  try {
    return await run(server);
  } finally {
    await server.kill('SIGTERM');
  }
}

async function withEmulator<T>(
  preset: 'tiny' | 'gateway-2025-10',
  run: (emulator: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({ preset });
  try {
    return await run(emulator);
  } finally {
    await emulator.close();
  }
}

/** Measures as the harness does, reading memory again once the server has been idle for the sizes' settle time. */
const measure = <T>(
  sizes: ProbeSizes,
  server: ServeProcess,
  attack: () => Promise<T>,
  options: Parameters<typeof measureDuringAttack>[2] = {},
) => measureDuringAttack(server, attack, { settleMs: sizes.settleMs, ...options });

const upstreamEnv = (url: string) => ({ HF_ENDPOINT: url, HUBCAT_ROUTER_ENDPOINT: 'none' });

async function catalogReady(server: ServeProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await fetch(`${server.url}/readiness`)).status === 200) return;
    await delay(50);
  }
  throw new Error('the catalog never became ready');
}

function only(counts: Record<string, number>, allowed: RegExp): boolean {
  return Object.keys(counts).length > 0 && Object.keys(counts).every((key) => allowed.test(key));
}

function schemaBomb(aliases: number): string {
  const one = '__schema { types { name fields { name args { name } } } }';
  return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ${one}`).join(' ')} }`;
}

export const introspectionBomb: Probe = async (sizes) => ({
  probe: `${sizes.aliases} aliases of __schema per request, ${sizes.clients} clients`,
  ...(await withEmulator('tiny', (emulator) =>
    withServer(upstreamEnv(emulator.url), [], async (server) => {
      await catalogReady(server);
      const measured = await measure(sizes, server, () =>
        flood(sizes.clients, delay(sizes.attackMs), (client) =>
          post(server.url, { query: schemaBomb(sizes.aliases) }, attacker(client)),
        ),
      );
      const held = only(measured.outcome, /^(400 QUERY_LIMIT_EXCEEDED|429 RATE_LIMITED)$/);
      return { ...measured, held, note: 'refused before execution (one __schema per operation), or rate-limited' };
    }),
  )),
});

/** An upstream whose every listing page is one valid JSON array of `bytes`, sent in 64 KB writes. */
async function hugePageUpstream(bytes: number): Promise<{ url: string; pages: () => number; close: () => void }> {
  const tags = Array.from({ length: 100 }, (_, i) => `"tag-${i}-${'x'.repeat(24)}"`).join(',');
  const item = (i: number) => `{"id":"owner/model-${i}","tags":[${tags}],"inferenceProviderMapping":[]}`;
  const chunk = Array.from({ length: 16 }, (_, i) => item(i)).join(',');
  let pages = 0;
  const server: Server = createServer((_request, response) => {
    pages++;
    response.writeHead(200, { 'content-type': 'application/json' });
    let sent = 1;
    response.write('[');
    const next = () => {
      if (response.destroyed) return;
      if (sent >= bytes) return void response.end(`${item(-1)}]`);
      sent += chunk.length + 1;
      response.write(`${chunk},`, () => setImmediate(next));
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pages: () => pages,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

export const hugeUpstreamPage: Probe = async (sizes) => {
  const upstream = await hugePageUpstream(sizes.upstreamPageBytes);
  try {
    const env = {
      ...upstreamEnv(upstream.url),
      HUBCAT_UPSTREAM_MAX_BYTES: String(sizes.upstreamMaxBytes),
      HUBCAT_COLD_WAIT_S: '1',
    };
    const result = await withServer(env, ['--lazy'], async (server) => {
      const measured = await measure(sizes, server, () =>
        flood(2, delay(sizes.attackMs), (client) =>
          post(server.url, { query: '{ models(first: 1) { totalCount } }' }, attacker(client)),
        ),
      );
      const log = await server.stderrMatching(/larger than/);
      const held = /larger than \d+ bytes/.test(log) && only(measured.outcome, /CATALOG_UNAVAILABLE|RATE_LIMITED/);
      const note = `${upstream.pages()} pages of ${mb(sizes.upstreamPageBytes)} refused past ${mb(sizes.upstreamMaxBytes)}`;
      return { ...measured, held, note };
    });
    return { probe: `upstream pages of ${mb(sizes.upstreamPageBytes)} (valid JSON arrays)`, ...result };
  } finally {
    upstream.close();
  }
};

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Garbage where the change history keeps its sorted set, summaries and meta, as an attacker with Redis access writes. */
async function spoilHistory(redis: OwnRedis): Promise<void> {
  const client = redis.client();
  const [summary] = await client.keys('hubcat:changes:*summary');
  if (summary === undefined) throw new Error('no change history in Redis yet');
  const prefix = summary.slice(0, -'summary'.length);
  await client.del(`${prefix}snapshots`);
  await client.set(`${prefix}snapshots`, 'garbage');
  await client.hset(`${prefix}summary`, 'fetch-garbage', '{"id":');
  await client.hset(`${prefix}meta`, 'feed', 'garbage', 'unconfirmed', '[1,2');
  client.disconnect();
}

export const spoiledHistory: Probe = async (sizes) => {
  const redis = await startOwnRedis();
  try {
    const result = await withEmulator('tiny', (emulator) =>
      withServer({ ...upstreamEnv(emulator.url), HUBCAT_CACHE_URL: redis.url }, [], async (server) => {
        await catalogReady(server);
        await delay(200); // the baseline is recorded just after the snapshot is served
        await spoilHistory(redis);
        const query = '{ catalog { size } changes { totalCount } snapshots { id } }';
        const measured = await measure(sizes, server, () =>
          flood(sizes.clients, delay(sizes.attackMs), async (client) => {
            const answer = await post(server.url, { query }, attacker(client));
            const size = (answer.data as { catalog?: { size?: number } } | null)?.catalog?.size;
            return { status: answer.status, code: answer.code ?? (size ? 'catalog answered' : 'no catalog') };
          }),
        );
        const log = server.stderr();
        // At full size the rate limit refuses most of the flood; what it lets through must keep its catalog part.
        const held =
          (measured.outcome['200 catalog answered'] ?? 0) > 0 &&
          only(measured.outcome, /^(200 catalog answered|429 RATE_LIMITED)$/) &&
          /set aside/.test(log);
        return { ...measured, held, note: 'records set aside and logged; every answer kept its catalog part' };
      }),
    );
    return { probe: 'garbage in the change-history keys in Redis', ...result };
  } finally {
    await redis.stop();
  }
};

export const graphiqlInProduction: Probe = async (sizes) => {
  const result = await withEmulator('tiny', (emulator) =>
    withServer({ ...upstreamEnv(emulator.url), NODE_ENV: 'production' }, [], async (server) => {
      await catalogReady(server);
      const html = { accept: 'text/html' };
      const measured = await measure(sizes, server, () =>
        flood(sizes.clients, delay(sizes.attackMs), async (client) => {
          const response = await fetch(`${server.url}/graphql`, { headers: { ...html, ...attacker(client) } });
          const text = await response.text();
          return { status: response.status, code: /graphiql/i.test(text) ? 'GraphiQL' : 'no GraphiQL' };
        }),
      );
      const held = only(measured.outcome, /no GraphiQL/);
      return { ...measured, held, note: 'off by default under NODE_ENV=production' };
    }),
  );
  return { probe: `${sizes.clients} clients fetching GraphiQL with NODE_ENV=production`, ...result };
};

export const graphiqlAssets: Probe = async (sizes) => {
  const result = await withEmulator('tiny', (emulator) =>
    withServer(
      { ...upstreamEnv(emulator.url), NODE_ENV: 'production', HUBCAT_GRAPHIQL: 'true' },
      [],
      async (server) => {
        await catalogReady(server);
        let largest = 0;
        const measured = await measure(sizes, server, () =>
          flood(sizes.clients, delay(sizes.attackMs), async (client) => {
            const headers = { accept: 'text/html', 'accept-encoding': 'gzip', ...attacker(client) };
            const page = await (await fetch(`${server.url}/graphql`, { headers })).text();
            for (const [, path] of page.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)) {
              const asset = await fetch(`${server.url}${path!}`, { headers });
              largest = Math.max(largest, Number(asset.headers.get('content-length')));
              await asset.arrayBuffer();
              if (asset.headers.get('cache-control') !== 'public, max-age=31536000, immutable') return { status: 0 };
            }
            return { status: 200, code: page.length < 4096 ? 'small page, cached assets' : 'large page' };
          }),
        );
        const held = only(measured.outcome, /small page, cached assets|RATE_LIMITED/);
        return { ...measured, held, note: `turned on: page < 4 KB, largest asset ${mb(largest)} gzipped, immutable` };
      },
    ),
  );
  return { probe: `${sizes.clients} clients fetching GraphiQL (HUBCAT_GRAPHIQL=true) and its assets`, ...result };
};

/** Every field of a model, so that a 500-model page is a few hundred kilobytes. */
const WIDE_PAGE =
  'query Page($min: Int) { models(first: 500, filter: { minLikes: $min }, orderBy: { field: ID, direction: ASC }) ' +
  '{ nodes { id author name pipelineTag libraryName tags downloads likes trendingScore createdAt lastModified gated ' +
  'private parameterCount foundBy url providers { provider providerId status task } } } }';

export const distinctPages: Probe = async (sizes) => {
  const result = await withEmulator('gateway-2025-10', (emulator) =>
    withServer(
      {
        ...upstreamEnv(emulator.url),
        HUBCAT_RESPONSE_CACHE_BYTES: String(sizes.responseCacheBytes),
        HUBCAT_RATE_LIMIT: '0',
      },
      [],
      async (server) => {
        await catalogReady(server);
        let bytes = 0;
        let next = 0;
        const measured = await measure(sizes, server, () =>
          flood(1, delay(0), async () => {
            // Each distinct page once, one after another, as the issue sent them: more than the cache holds. Spread
            // over the attack's time (no faster than the server answers), so that the sampler measures the server
            // while it serves them: a fast server answers a dozen pages before the sampler has five answers.
            let answer = { status: 0, code: null as unknown, bytes: 0 };
            const started = performance.now();
            while (next < sizes.distinctPages) {
              answer = await post(server.url, { query: WIDE_PAGE, variables: { min: next++ } });
              bytes = Math.max(bytes, answer.bytes);
              await delay(started + (next * sizes.attackMs) / sizes.distinctPages - performance.now());
            }
            return answer;
          }),
        );
        const grewMb = measured.rssPeakMb - measured.rssStartMb;
        const held = next === sizes.distinctPages && grewMb < (2 * sizes.responseCacheBytes) / 1024 / 1024 + 100;
        return {
          ...measured,
          held,
          note: `${next} pages of up to ${Math.round(bytes / 1024)} KB; cache bounded at ${mb(sizes.responseCacheBytes)}`,
        };
      },
    ),
  );
  return { probe: `${sizes.distinctPages} distinct 500-model pages`, ...result };
};

export const redisStopped: Probe = async (sizes) => {
  const redis = await startOwnRedis();
  try {
    const result = await withEmulator('tiny', (emulator) =>
      withServer({ ...upstreamEnv(emulator.url), HUBCAT_CACHE_URL: redis.url }, [], async (server) => {
        await catalogReady(server);
        const measured = await measure(sizes, server, async () => {
          await redis.kill();
          const answers = await flood(1, delay(sizes.redisDownMs), async () => {
            const response = await fetch(`${server.url}/readiness`);
            const body = (await response.json()) as { status?: string };
            await delay(100);
            return { status: response.status, code: body.status ?? 'ready' };
          });
          await redis.start();
          return answers;
        });
        const held = only(measured.outcome, /^200 degraded$/);
        return { ...measured, held, note: '/readiness: 200 "degraded" (HUBCAT_READINESS_ON_STORE_LOSS=fail: 503)' };
      }),
    );
    return { probe: `Redis stopped for ${sizes.redisDownMs / 1000} s`, ...result };
  } finally {
    await redis.stop();
  }
};

/** An upstream in front of the emulator that spoils one model of each listing's second page, or of every page. */
async function spoilingUpstream(
  emulator: RunningEmulator,
  spoil: 'repeat' | 'long-id',
): Promise<{ url: string; close: () => Promise<void> }> {
  const first = new Map<string, unknown>();
  return startHostileUpstream(emulator.url, {
    kind: 'items',
    items: (requested, items) => {
      if (spoil === 'long-id') return [{ ...items[0], id: `owner/${'x'.repeat(10_000)}` }, ...items.slice(1)];
      const listing = requested.searchParams.get('sort') ?? '';
      if (!requested.searchParams.has('cursor')) first.set(listing, items[0]);
      return requested.searchParams.has('cursor') ? [first.get(listing), ...items.slice(1)] : items;
    },
  });
}

function spoiledUpstreamProbe(spoil: 'repeat' | 'long-id', probe: string): Probe {
  return async (sizes) => {
    const result = await withEmulator('tiny', async (emulator) => {
      const upstream = await spoilingUpstream(emulator, spoil);
      try {
        const env = { ...upstreamEnv(upstream.url), HUBCAT_PAGE_SIZE: '10', HUBCAT_SORTS: 'createdAt,likes' };
        return await withServer(env, ['--lazy'], async (server) => {
          const report = '{ fetchReport { complete errors } }';
          const measured = await measure(sizes, server, () =>
            flood(1, delay(sizes.attackMs), async () => {
              const answer = await post(server.url, { query: report }, attacker(0));
              const fetched = (answer.data as { fetchReport?: { complete: boolean; errors: string[] } } | null)
                ?.fetchReport;
              await delay(200);
              if (!fetched) return { status: answer.status, code: answer.code };
              return {
                status: answer.status,
                code: fetched.complete ? 'proven complete' : `not proven: ${fetched.errors[0] ?? ''}`,
              };
            }),
          );
          const held = only(
            measured.outcome,
            spoil === 'repeat' ? /not proven: .*repeats a model/ : /CATALOG_UNAVAILABLE/,
          );
          const note =
            spoil === 'repeat'
              ? 'a protocol fault: not proven complete, the report names it'
              : 'the page is malformed; no catalog from it';
          return { ...measured, held, note };
        });
      } finally {
        await upstream.close();
      }
    });
    return { probe, ...result };
  };
}

export const repeatedId = spoiledUpstreamProbe('repeat', 'an upstream that repeats an id across pages');
export const longId = spoiledUpstreamProbe('long-id', 'an upstream that sends a 10 KB id');

export const batchedBodies: Probe = async (sizes) => {
  const result = await withEmulator('tiny', (emulator) =>
    withServer(upstreamEnv(emulator.url), [], async (server) => {
      await catalogReady(server);
      const batch = [{ query: '{ __typename }' }, { query: '{ catalog { size } }' }];
      const measured = await measure(sizes, server, () =>
        flood(sizes.clients, delay(sizes.attackMs), (client) => post(server.url, batch, attacker(client))),
      );
      return {
        ...measured,
        held: only(measured.outcome, /^(400 BAD_REQUEST|429 RATE_LIMITED)$/),
        note: 'as the README says',
      };
    }),
  );
  return { probe: 'a batched JSON array body', ...result };
};

export const untrustedDocuments: Probe = async (sizes) => {
  const result = await withEmulator('tiny', (emulator) =>
    withServer(
      { ...upstreamEnv(emulator.url), HUBCAT_DOCUMENTS: 'trusted', HUBCAT_RATE_LIMIT: '0' },
      [],
      async (server) => {
        await catalogReady(server);
        const refusals: number[] = [];
        // The sampler asks a trusted operation, by its hash.
        const sample = { extensions: { persistedQuery: { version: 1, sha256Hash: CATALOG_READINESS } } };
        const measured = await measureDuringAttack(
          server,
          () =>
            flood(1, delay(sizes.attackMs), async (client) => {
              const started = performance.now();
              const answer = await post(server.url, { query: `{ a${refusals.length}: __typename }` }, attacker(client));
              refusals.push(performance.now() - started);
              return answer;
            }),
          { sample, settleMs: sizes.settleMs },
        );
        const at = (share: number) => percentile(refusals, share).toFixed(1);
        const held = only(measured.outcome, /^400 DOCUMENT_NOT_TRUSTED$/);
        return {
          ...measured,
          held,
          note: `refusals took ${at(0.5)} / ${at(0.99)} ms (p50 / p99, ${refusals.length} in turn)`,
        };
      },
    ),
  );
  return { probe: 'HUBCAT_DOCUMENTS=trusted: documents of its own', ...result };
};

/** The probes of the table, and those of the new defences, in the order the README lists them. */
export const PROBES: Record<string, Probe> = {
  introspectionBomb,
  hugeUpstreamPage,
  spoiledHistory,
  graphiqlInProduction,
  graphiqlAssets,
  distinctPages,
  redisStopped,
  repeatedId,
  longId,
  batchedBodies,
  untrustedDocuments,
};
