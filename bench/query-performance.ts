import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/index.ts';
import { FACET_NAMES } from '../src/query/index.ts';
import { startCatalogProcess, SERVER_COMMAND, type CatalogProcess } from './support/catalog-process.ts';
import { FACETED_OPERATION, PAGE_OPERATION } from './support/bench-operations.ts';
import { HTTP_SEED, PAGE, type EngineFigures } from './support/engine-figures.ts';
import { freshQueries } from './support/query-mix.ts';
import { count, ratio, table, type BenchResult } from './support/format.ts';
import { checkBodies, loadTest, type LoadFigures } from './support/http-load.ts';

interface Size {
  label: string;
  preset?: string;
  synthetic?: number;
  rounds: number;
}

const SIZES: Size[] = [
  { label: '1,377 (emulator gateway-2025-10)', preset: 'gateway-2025-10', rounds: 20 },
  { label: '100,000 (emulator scale-100k)', preset: 'scale-100k', rounds: 5 },
  { label: '1,000,000 (synthetic rows)', synthetic: 1_000_000, rounds: 3 },
];
const CONNECTIONS = 20;
const THROUGHPUT_SECONDS = 4;
const LATENCY_SECONDS = 3;
const NO_CACHE = { 'cache-control': 'no-cache' };
const TYPENAME = JSON.stringify({ query: '{ __typename }' });

interface SizeFigures {
  label: string;
  engine: Omit<EngineFigures, 'mix' | 'deepCursors' | 'material'>;
  http: Record<string, LoadFigures>;
}

/**
 * The query path at three catalog sizes, each in its own server process: snapshot load and preparation, heap per
 * model, engine latencies, HTTP latencies and req/s of the 50-model page against `{ __typename }` on the same server
 * in the same run, with the response cache used and bypassed (`Cache-Control: no-cache`), and with every request
 * distinct (fresh thresholds and search terms, which no cache has seen).
 *
 * `BENCH_QUERY_SIZE=100,000` measures only the sizes whose label contains it; `BENCH_QUERY_LANES=distinct,rotating`
 * only the HTTP lanes whose name contains one of those words (the `{ __typename }` baselines always run);
 * `BENCH_PROFILE=DIR` writes the server's CPU profile of each HTTP lane, baselines included, to DIR.
 */
export async function benchQueryPerformance(): Promise<BenchResult> {
  const figures: SizeFigures[] = [];
  const only = process.env.BENCH_QUERY_SIZE;
  for (const size of SIZES) if (!only || size.label.includes(only)) figures.push(await measureSize(size));
  return report(figures);
}

async function measureSize(size: Size): Promise<SizeFigures> {
  let emulator = size.preset ? await startEmulator({ preset: size.preset, port: 0 }) : null;
  let server: CatalogProcess | null = null;
  try {
    const source = emulator ? ['--upstream', emulator.url] : ['--synthetic', String(size.synthetic)];
    server = await startCatalogProcess([...source, '--rounds', String(size.rounds)]);
    // The catalog is fetched: from here on the emulator would only compete for the CPU.
    await emulator?.close();
    emulator = null;
    const { mix, deepCursors, material, ...engine } = server.engine;
    const lanes = httpLanes(mix, deepCursors, freshQueries(mix, material, HTTP_SEED));
    return { label: size.label, engine, http: await measureHttp(server, size, lanes) };
  } finally {
    server?.close();
    await emulator?.close();
  }
}

interface Lane {
  bodies: readonly string[] | (() => string);
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

const TYPENAME_CACHED = '{ __typename }, cached';
const TYPENAME_UNCACHED = '{ __typename }, uncached';
const DISTINCT = 'page, every request distinct, uncached';
const DISTINCT_ASKED = 'page, every request distinct, cache asked';
const DISTINCT_LATENCY = 'page, every request distinct (latency)';

function httpLanes(
  mix: EngineFigures['mix'],
  deepCursors: string[],
  fresh: () => EngineFigures['mix'][number],
): Record<string, Lane> {
  const body = (query: string, variables: object) => JSON.stringify({ query, variables });
  const pages = mix.map((entry) => body(PAGE_OPERATION, { ...entry, first: PAGE }));
  const facets = mix.map((entry) => body(FACETED_OPERATION, { ...entry, first: PAGE }));
  const deep = mix.map((entry, i) => body(PAGE_OPERATION, { ...entry, first: PAGE, after: deepCursors[i] }));
  const distinct = () => body(PAGE_OPERATION, { ...fresh(), first: PAGE });
  const latency = (bodies: Lane['bodies'], headers?: Lane['headers']) => ({
    bodies,
    connections: 1,
    seconds: LATENCY_SECONDS,
    headers,
  });
  const load = (bodies: Lane['bodies'], headers?: Lane['headers']) => ({
    bodies,
    connections: CONNECTIONS,
    seconds: THROUGHPUT_SECONDS,
    headers,
  });
  return {
    'page, rotating (latency)': latency(pages, NO_CACHE),
    'page + all facets, rotating (latency)': latency(facets, NO_CACHE),
    'deep after page, rotating (latency)': latency(deep, NO_CACHE),
    [DISTINCT_LATENCY]: latency(distinct, NO_CACHE),
    [TYPENAME_CACHED]: load([TYPENAME]),
    'page, repeated, cached': load([pages[1]!]),
    [TYPENAME_UNCACHED]: load([TYPENAME], NO_CACHE),
    'page, repeated, uncached': load([pages[1]!], NO_CACHE),
    'page, 100 rotating, uncached': load(pages, NO_CACHE),
    [DISTINCT]: load(distinct, NO_CACHE),
    // No Cache-Control header: the response cache is asked and misses, as it would for a slider or a search box.
    [DISTINCT_ASKED]: load(distinct),
  };
}

/** Runs the selected lanes in order; the server's RSS is read after each. */
async function measureHttp(
  server: CatalogProcess,
  size: Size,
  lanes: Record<string, Lane>,
): Promise<Record<string, LoadFigures>> {
  const fixed = Object.values(lanes).flatMap(({ bodies }) => (typeof bodies === 'function' ? [] : bodies));
  await checkBodies(server.url, [...new Set(fixed)]);
  const run = ({ bodies, connections, seconds, headers }: Lane) =>
    loadTest({ url: server.url, bodies, connections, seconds, headers, serverCpuMs: () => server.serverCpuMs() });
  // One unmeasured run compiles the operations and warms the JIT before anything is compared.
  await run({ bodies: [...fixed.slice(0, 10), TYPENAME], connections: CONNECTIONS, seconds: 2, headers: NO_CACHE });
  const selected = process.env.BENCH_QUERY_LANES?.split(',');
  const profiles = process.env.BENCH_PROFILE;
  if (profiles) mkdirSync(profiles, { recursive: true });
  const figures: Record<string, LoadFigures> = {};
  for (const [name, lane] of Object.entries(lanes)) {
    const baseline = name === TYPENAME_CACHED || name === TYPENAME_UNCACHED;
    if (selected && !baseline && !selected.some((word) => name.includes(word))) continue;
    const stopProfile = profiles ? await server.startProfile() : null;
    figures[name] = await run(lane);
    const file = `${size.label.split(' ')[0]}-${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`;
    await stopProfile?.(join(profiles!, file));
    figures[name].serverRssBytes = await server.serverRssBytes();
  }
  return figures;
}

const msCell = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const held = (ok: boolean) => (ok ? 'held' : 'DID NOT HOLD');
const MIB = 1024 * 1024;
const p50p99 = ({ p50, p99 }: { p50: number; p99: number }) => `${msCell(p50)} / ${msCell(p99)}`;

function report(figures: SizeFigures[]): BenchResult {
  const engineRows = figures.map(({ label, engine }) => [
    label,
    `${(engine.loadMs / 1000).toFixed(1)} s`,
    `${Math.round(engine.prepareMs)} ms`,
    `${Math.round(engine.heapBytes / engine.models)} + ${Math.round(engine.arrayBufferBytes / engine.models)} B`,
    `${Math.round(engine.heapBytesAfterQueries / engine.models)} + ` +
      `${Math.round(engine.arrayBufferBytesAfterQueries / engine.models)} B`,
    p50p99(engine.page),
    p50p99(engine.facets),
    p50p99(engine.deep),
    `${p50p99(engine.distinct)} / ${msCell(engine.distinct.max)}`,
    p50p99(engine.distinctFacets),
    `${p50p99(engine.router)}, ${p50p99(engine.routerDistinct)} / ${msCell(engine.routerDistinct.max)}`,
  ]);
  const httpRows = figures.flatMap(({ label, http }) =>
    Object.entries(http).map(([run, load]) => [
      `${label}: ${run}`,
      count(Math.round(load.requestsPerSecond)),
      `${load.p50Ms} / ${load.p99Ms}`,
      `${Math.round(load.serverCpuMicros)} µs`,
      load.serverRssBytes === undefined ? '–' : `${count(Math.round(load.serverRssBytes / MIB))} MiB`,
      count(load.failures),
    ]),
  );
  return {
    title: `5. Query path — engine and HTTP at 1,377, 100,000 and 1,000,000 models (${PAGE}-model pages)`,
    body: [
      `Each size runs in its own server process (${SERVER_COMMAND}): the emulator sizes are fetched from a Hub ` +
        'emulator in this process (cursor mode, sort createdAt); the million is generated row by row into ModelTable.from (bench/support/' +
        'synthetic-catalog.ts: owners with a long tail, 40 tasks, 25 libraries, ~10 tags of 5,000, 1–3 providers), ' +
        'since the emulator takes long to start at that size. Engine: 100 filter/order combinations (tasks, ' +
        "libraries, owners, tags, providers, minimums, gated, quality, search, and the router's license + languages + " +
        'parameter range) after one unmeasured pass; "distinct" ' +
        "draws every query's minDownloads (added to every shape), minLikes and search term fresh, so no cache has " +
        'seen it; heap = JS heap + typed arrays after GC, per model, snapshot and indexes together, once prepared and ' +
        'again after the queries (which fill per-snapshot caches: condition bitsets, shared models, searches).',
      table(
        [
          'models',
          'load',
          'prepare',
          'heap + typed arrays / model',
          'after queries',
          'page p50 / p99 ms',
          `page + ${FACET_NAMES.length} facets`,
          'deep page',
          'distinct page p50 / p99 / max',
          `distinct page + ${FACET_NAMES.length} facets`,
          'router shapes p50 / p99, distinct p50 / p99 / max',
        ],
        engineRows,
      ),
      `HTTP: autocannon in this process, ${CONNECTIONS} connections for req/s (${THROUGHPUT_SECONDS} s per run), one ` +
        `for latency (${LATENCY_SECONDS} s); "uncached" sends Cache-Control: no-cache, which bypasses the response ` +
        'cache, which could not answer a distinct request anyway ("cache asked" sends no header: the cache is asked, ' +
        'misses, and stores the answer); server CPU per request and RSS after the run from the server process.',
      table(['run', 'req/s', 'p50 / p99 ms', 'server CPU / request', 'server RSS after', 'failures'], httpRows),
      ...expectations(figures),
    ],
    data: figures,
  };
}

function expectations(figures: SizeFigures[]): string[] {
  const lines: string[] = [];
  const million = figures.find(({ engine }) => engine.models >= 1_000_000);
  if (million) lines.push(...millionEngineExpectations(million.engine));
  for (const { label, engine, http } of figures) {
    const rps = (run: string) => http[run]?.requestsPerSecond ?? Number.NaN;
    const cpu = (run: string) => http[run]?.serverCpuMicros ?? Number.NaN;
    const shown = (value: number) => (Number.isNaN(value) ? 'not run' : ratio(value));
    const heldOrNot = (value: number, ok: boolean) => (Number.isNaN(value) ? '' : ` ${held(ok)}`);
    const cached = rps('page, repeated, cached') / rps(TYPENAME_CACHED);
    const uncached = rps('page, repeated, uncached') / rps(TYPENAME_UNCACHED);
    const rotating = rps('page, 100 rotating, uncached') / rps(TYPENAME_UNCACHED);
    const rotatingCpu = cpu(TYPENAME_UNCACHED) / cpu('page, 100 rotating, uncached');
    lines.push(
      `${label}: page/{ __typename } req/s — repeated, cached ${shown(cached)} ≥ 0.70${heldOrNot(cached, cached >= 0.7)}; ` +
        `repeated, uncached ${shown(uncached)}; 100 rotating, uncached ${shown(rotating)} ≥ 0.50` +
        `${heldOrNot(rotating, rotating >= 0.5)} (by server CPU per request: ${shown(rotatingCpu)})`,
    );
    const distinct = http[DISTINCT];
    if (distinct) lines.push(distinctExpectation(label, engine.models, distinct, http));
  }
  lines.push(`load average (1 min) after these runs: ${loadavg()[0]?.toFixed(2)}`);
  return lines;
}

function millionEngineExpectations(engine: SizeFigures['engine']): string[] {
  const { page, facets, distinct, distinctFacets, router, routerDistinct, heapBytesAfterQueries, models } = engine;
  const { arrayBufferBytesAfterQueries } = engine;
  const perModel = (heapBytesAfterQueries + arrayBufferBytesAfterQueries) / models;
  return [
    `1M engine: filtered page p50 ${msCell(page.p50)} ms ≤ 5 ${held(page.p50 <= 5)}; p99 ${msCell(page.p99)} ms ≤ 25 ` +
      `${held(page.p99 <= 25)}; heap + typed arrays after queries ${Math.round(perModel)} B/model ≤ 1,024 ` +
      `${held(perModel <= 1024)}; index preparation ${Math.round(engine.prepareMs)} ms ≤ 2,000 ` +
      held(engine.prepareMs <= 2000),
    `1M engine, every request distinct (one at a time): page p50 ${msCell(distinct.p50)} ms ≤ 1 ` +
      `${held(distinct.p50 <= 1)}; worst ${msCell(distinct.max)} ms ≤ 5 ${held(distinct.max <= 5)}; all ` +
      `${FACET_NAMES.length} facets p50 ${msCell(facets.p50)} ms (filters seen) and ${msCell(distinctFacets.p50)} ms ` +
      `(distinct) ≤ 10 ${held(Math.max(facets.p50, distinctFacets.p50) <= 10)}`,
    `1M engine, the router's shapes (license + languages + parameter range): page p50 ${msCell(router.p50)} ms ≤ 5 ` +
      `${held(router.p50 <= 5)}; p99 ${msCell(router.p99)} ms ≤ 25 ${held(router.p99 <= 25)}; distinct p50 ` +
      `${msCell(routerDistinct.p50)} ms ≤ 1 ${held(routerDistinct.p50 <= 1)}; worst ${msCell(routerDistinct.max)} ms ` +
      `≤ 5 ${held(routerDistinct.max <= 5)}`,
  ];
}

function distinctExpectation(
  label: string,
  models: number,
  distinct: LoadFigures,
  http: Record<string, LoadFigures>,
): string {
  const baseline = http[TYPENAME_UNCACHED]!;
  const byRate = distinct.requestsPerSecond / baseline.requestsPerSecond;
  const byCpu = baseline.serverCpuMicros / distinct.serverCpuMicros;
  const asked = http[DISTINCT_ASKED];
  const askedRatio = asked && asked.requestsPerSecond / http[TYPENAME_CACHED]!.requestsPerSecond;
  const target = models >= 1_000_000 ? 0.3 : models >= 100_000 ? 0.5 : null;
  const latency = http[DISTINCT_LATENCY];
  const rss = distinct.serverRssBytes ?? Number.NaN;
  const million = models >= 1_000_000;
  const parts = [
    `${label}: every request distinct, ${CONNECTIONS} connections — ${count(Math.round(distinct.requestsPerSecond))} ` +
      `req/s, ${ratio(byRate)} of { __typename } (uncached)` +
      (target === null ? '' : ` ≥ ${ratio(target)} ${held(byRate >= target)}`) +
      ` (by server CPU per request: ${ratio(byCpu)})`,
    `p50 / p99 ${distinct.p50Ms} / ${distinct.p99Ms} ms` + (million ? ` (p99 ≤ 25 ${held(distinct.p99Ms <= 25)})` : ''),
    `server CPU ${Math.round(distinct.serverCpuMicros)} µs/request`,
    asked
      ? `with the response cache asked (no Cache-Control): ${count(Math.round(asked.requestsPerSecond))} req/s, ` +
        `${ratio(askedRatio!)} of { __typename } (cached), ${Math.round(asked.serverCpuMicros)} µs/request`
      : '',
    `RSS after ${count(Math.round(rss / MIB))} MiB` + (million ? ` (≤ 1,024 ${held(rss <= 1024 * MIB)})` : ''),
  ];
  if (latency) {
    parts.push(
      `one connection p50 / p99 ${latency.p50Ms} / ${latency.p99Ms} ms, ` +
        `${Math.round(latency.serverCpuMicros)} µs of server CPU per request`,
    );
  }
  return parts.filter(Boolean).join('; ');
}
