/**
 * Child process of the query benchmark, one per catalog size, so its heap holds hubcat's snapshot and nothing of the
 * emulator's or the load generator's. It loads the catalog (`--upstream URL`: fetched from a Hub emulator, cursor
 * mode, sort createdAt; `--synthetic N`: N generated rows, see synthetic-catalog.ts), prepares its indexes, measures
 * the engine and prints one JSON line (`EngineFigures`); then serves it over HTTP on an ephemeral port as `hubcat serve`
 * does (the same app, plugins and HTTP server), prints
 * `{"url": …}`, and answers each line of its standard input until that input closes: `cpu` with
 * `{"cpuMs": …, "rssBytes": …}`, the CPU time it has used and its resident memory; `profile-start` and
 * `profile-stop PATH` with `{}`, having started the CPU profiler or written its profile to PATH (`.cpuprofile`).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { collectDefaultMetrics } from 'prom-client';
import { createApp, listen } from '../../src/app/index.ts';
import type { CatalogSnapshot } from '../../src/catalog/index.ts';
import { createLogger } from '../../src/cli/logger.ts';
import { loadConfig } from '../../src/config.ts';
import { isCatalogPrepared, type CatalogView } from '../../src/query/index.ts';
import { fetchFrom } from './fetch.ts';
import { measureEngine, QUALITY_BAR, type EngineFigures } from './engine-figures.ts';
import { syntheticSnapshot } from './synthetic-catalog.ts';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    synthetic: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'response-cache': { type: 'string', default: 'true' },
  },
});

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('catalog-child needs --expose-gc, to weigh the snapshot after garbage collection');

const memory = () => {
  gc();
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, arrayBuffers: usage.arrayBuffers };
};
const before = memory();
const loadStarted = performance.now();
const load: () => Promise<CatalogSnapshot> = values.synthetic
  ? () => Promise.resolve(syntheticSnapshot(Number(values.synthetic)))
  : () => fetchFrom(values.upstream!, { sorts: ['createdAt'] });
// The app `hubcat serve` runs, with its whole plugin set (guards, compiled execution, response cache, metrics, HTTP
// policy, request log) and its defaults; the environment is ignored, so a HUBCAT_* variable cannot change what is
// measured. Nothing shared: the catalog is held in this process only, as a server without HUBCAT_CACHE_URL holds it.
const config = loadConfig(
  {
    endpoint: values.upstream ?? 'http://127.0.0.1:9',
    // A million generated rows take longer than a query's usual wait for the first snapshot.
    coldWaitSeconds: 3600,
    ttlSeconds: 86_400,
    refreshIntervalSeconds: 0,
    qualityMinDownloads: QUALITY_BAR.minDownloads,
    qualityMinLikes: QUALITY_BAR.minLikes,
    responseCache: values['response-cache'],
    logLevel: 'info',
    // The load comes from one client, the bench itself, which a per-client limit would refuse after 600 requests.
    rateLimit: 0,
  },
  {},
);
// The app readies each snapshot's indexes before serving it; how long that took is its `snapshot-prepared` event's.
let prepareMs = Number.NaN;
const app = createApp(config, {
  onCacheEvent: (event) => {
    if (event.type === 'snapshot-prepared') prepareMs = event.ms;
  },
  upstreamLabel: values.upstream ?? 'synthetic',
  fetchSnapshot: load,
  logger: createLogger(config.logLevel),
  graphiql: false,
});
collectDefaultMetrics({ register: app.metrics });
const catalog = app.catalog;
const snapshot = await catalog.snapshot();
if (!isCatalogPrepared(snapshot.models)) throw new Error('the app served a snapshot it had not prepared');
const loadMs = performance.now() - loadStarted - prepareMs;
const after = memory();

const view: CatalogView = { snapshotId: snapshot.id, models: snapshot.models };
const engine = measureEngine(view, Number(values.rounds));
// Again once queries have filled the per-snapshot caches (condition bitsets, shared models, searches).
const afterQueries = memory();
const figures: EngineFigures = {
  models: snapshot.models.size,
  source: values.synthetic ? `synthetic:${values.synthetic}` : 'emulator',
  loadMs,
  prepareMs,
  heapBytes: after.heapUsed - before.heapUsed,
  arrayBufferBytes: after.arrayBuffers - before.arrayBuffers,
  heapBytesAfterQueries: afterQueries.heapUsed - before.heapUsed,
  arrayBufferBytesAfterQueries: afterQueries.arrayBuffers - before.arrayBuffers,
  ...engine,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);

const server = await listen(app, 0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ url: `${server.url}/graphql` })}\n`);

const profiler = new Session();
profiler.connect();
const commands: Record<string, (argument: string) => Promise<object>> = {
  cpu: () => {
    const usage = process.cpuUsage();
    return Promise.resolve({ cpuMs: (usage.user + usage.system) / 1000, rssBytes: process.memoryUsage.rss() });
  },
  'profile-start': async () => {
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    return {};
  },
  'profile-stop': async (path) => {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    return {};
  },
};
// One command at a time, answered in order: the parent reads the answers line by line.
let pending = Promise.resolve();
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk.split('\n')) {
    const [name = '', argument = ''] = line.trim().split(' ');
    const command = commands[name];
    if (!command) continue;
    pending = pending.then(async () => {
      process.stdout.write(`${JSON.stringify(await command(argument))}\n`);
    });
  }
});
process.stdin.on('end', () => void server.close(0).finally(() => process.exit(0)));
