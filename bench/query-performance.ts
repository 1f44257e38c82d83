import { loadavg } from 'node:os';
import { startEmulator } from '../src/emulator/index.ts';
import { startCatalogProcess, SERVER_NODE_FLAGS, type CatalogProcess } from './support/catalog-process.ts';
import { FACETED_OPERATION, PAGE_OPERATION } from './support/bench-operations.ts';
import { PAGE, type EngineFigures } from './support/engine-figures.ts';
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
  engine: Omit<EngineFigures, 'mix' | 'deepCursors'>;
  http: Record<string, LoadFigures>;
}

/**
 * The query path at three catalog sizes, each in its own server process: snapshot load and preparation, heap per
 * model, engine latencies, HTTP latencies and req/s of the 50-model page against `{ __typename }` on the same server
 * in the same run, with the response cache used and bypassed (`Cache-Control: no-cache`).
 */
export async function benchQueryPerformance(): Promise<BenchResult> {
  const figures: SizeFigures[] = [];
  // `BENCH_QUERY_SIZE=100,000 npm run bench -- query` measures only the sizes whose label contains it.
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
    const { mix, deepCursors, ...engine } = server.engine;
    return { label: size.label, engine, http: await measureHttp(server, mix, deepCursors) };
  } finally {
    server?.close();
    await emulator?.close();
  }
}

async function measureHttp(
  server: CatalogProcess,
  mix: EngineFigures['mix'],
  deepCursors: string[],
): Promise<Record<string, LoadFigures>> {
  const filtered = PAGE_OPERATION;
  const faceted = FACETED_OPERATION;
  const body = (query: string, variables: object) => JSON.stringify({ query, variables });
  const pages = mix.map((entry) => body(filtered, { ...entry, first: PAGE }));
  const facets = mix.map((entry) => body(faceted, { ...entry, first: PAGE }));
  const deep = mix.map((entry, i) => body(filtered, { ...entry, first: PAGE, after: deepCursors[i] }));
  const repeated = [pages[1]!];
  await checkBodies(server.url, [...pages, ...facets, ...deep, TYPENAME]);
  const run = (bodies: readonly string[], connections: number, seconds: number, headers?: Record<string, string>) =>
    loadTest({ url: server.url, bodies, connections, seconds, headers, serverCpuMs: () => server.serverCpuMs() });
  // One unmeasured run compiles the operations and warms the JIT before anything is compared.
  await run([...pages.slice(0, 10), TYPENAME], CONNECTIONS, 2, NO_CACHE);
  return {
    'page, rotating (latency)': await run(pages, 1, LATENCY_SECONDS, NO_CACHE),
    'page + all facets, rotating (latency)': await run(facets, 1, LATENCY_SECONDS, NO_CACHE),
    'deep after page, rotating (latency)': await run(deep, 1, LATENCY_SECONDS, NO_CACHE),
    '{ __typename }, cached': await run([TYPENAME], CONNECTIONS, THROUGHPUT_SECONDS),
    'page, repeated, cached': await run(repeated, CONNECTIONS, THROUGHPUT_SECONDS),
    '{ __typename }, uncached': await run([TYPENAME], CONNECTIONS, THROUGHPUT_SECONDS, NO_CACHE),
    'page, repeated, uncached': await run(repeated, CONNECTIONS, THROUGHPUT_SECONDS, NO_CACHE),
    'page, 100 rotating, uncached': await run(pages, CONNECTIONS, THROUGHPUT_SECONDS, NO_CACHE),
  };
}

const msCell = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const held = (ok: boolean) => (ok ? 'held' : 'DID NOT HOLD');

function report(figures: SizeFigures[]): BenchResult {
  const engineRows = figures.map(({ label, engine }) => [
    label,
    `${(engine.loadMs / 1000).toFixed(1)} s`,
    `${Math.round(engine.prepareMs)} ms`,
    `${Math.round(engine.heapBytes / engine.models)} + ${Math.round(engine.arrayBufferBytes / engine.models)} B`,
    `${Math.round(engine.heapBytesAfterQueries / engine.models)} + ` +
      `${Math.round(engine.arrayBufferBytesAfterQueries / engine.models)} B`,
    `${msCell(engine.page.p50)} / ${msCell(engine.page.p99)}`,
    `${msCell(engine.facets.p50)} / ${msCell(engine.facets.p99)}`,
    `${msCell(engine.deep.p50)} / ${msCell(engine.deep.p99)}`,
  ]);
  const httpRows = figures.flatMap(({ label, http }) =>
    Object.entries(http).map(([run, load]) => [
      `${label}: ${run}`,
      count(Math.round(load.requestsPerSecond)),
      `${load.p50Ms} / ${load.p99Ms}`,
      `${Math.round(load.serverCpuMicros)} µs`,
      count(load.failures),
    ]),
  );
  return {
    title: `5. Query path — engine and HTTP at 1,377, 100,000 and 1,000,000 models (${PAGE}-model pages)`,
    body: [
      'Each size runs in its own server process (node ' +
        `${SERVER_NODE_FLAGS.join(' ')}): the emulator sizes are fetched from a Hub emulator in this process (cursor ` +
        'mode, sort createdAt); the million is generated row by row into ModelTable.from (bench/support/' +
        'synthetic-catalog.ts: owners with a long tail, 40 tasks, 25 libraries, ~10 tags of 5,000, 1–3 providers), ' +
        'since the emulator takes long to start at that size. Engine: 100 filter/order combinations (tasks, ' +
        'libraries, owners, tags, providers, minimums, gated, quality, search) after one unmeasured pass; heap = JS ' +
        'heap + typed arrays after GC, per model, snapshot and indexes together, once prepared and again after the ' +
        'queries (which fill per-snapshot caches: condition bitsets, shared models, searches).',
      table(
        [
          'models',
          'load',
          'prepare',
          'heap + typed arrays / model',
          'after queries',
          'page p50 / p99 ms',
          'page + 7 facets',
          'deep page',
        ],
        engineRows,
      ),
      `HTTP: autocannon in this process, ${CONNECTIONS} connections for req/s (${THROUGHPUT_SECONDS} s per run), one ` +
        `for latency (${LATENCY_SECONDS} s); "uncached" sends Cache-Control: no-cache, which bypasses the response ` +
        'cache; server CPU per request from the server process.',
      table(['run', 'req/s', 'p50 / p99 ms', 'server CPU / request', 'failures'], httpRows),
      ...expectations(figures),
    ],
    data: figures,
  };
}

function expectations(figures: SizeFigures[]): string[] {
  const lines: string[] = [];
  const million = figures.find(({ engine }) => engine.models >= 1_000_000);
  if (million) {
    const { page, facets, heapBytesAfterQueries, arrayBufferBytesAfterQueries, models } = million.engine;
    const perModel = (heapBytesAfterQueries + arrayBufferBytesAfterQueries) / models;
    lines.push(
      `1M engine: filtered page p50 ${msCell(page.p50)} ms ≤ 5 ${held(page.p50 <= 5)}; p99 ${msCell(page.p99)} ms ≤ 25 ` +
        `${held(page.p99 <= 25)}; with all facets p50 ${msCell(facets.p50)} ms ≤ 30 ${held(facets.p50 <= 30)}; ` +
        `heap + typed arrays after queries ${Math.round(perModel)} B/model ≤ 1,024 ${held(perModel <= 1024)}`,
    );
  }
  for (const { label, engine, http } of figures) {
    const rps = (run: string) => http[run]!.requestsPerSecond;
    const cached = rps('page, repeated, cached') / rps('{ __typename }, cached');
    const uncached = rps('page, repeated, uncached') / rps('{ __typename }, uncached');
    const rotating = rps('page, 100 rotating, uncached') / rps('{ __typename }, uncached');
    const cpu = (run: string) => http[run]!.serverCpuMicros;
    const rotatingCpu = cpu('{ __typename }, uncached') / cpu('page, 100 rotating, uncached');
    const rotatingTarget = engine.models === 100_000 ? ` ≥ 0.50 ${held(rotating >= 0.5)}` : '';
    lines.push(
      `${label}: page/{ __typename } req/s — repeated, cached ${ratio(cached)} ≥ 0.70 ${held(cached >= 0.7)}; ` +
        `repeated, uncached ${ratio(uncached)}; 100 rotating, uncached ${ratio(rotating)}${rotatingTarget} ` +
        `(by server CPU per request: ${ratio(rotatingCpu)})`,
    );
  }
  lines.push(`load average (1 min) after these runs: ${loadavg()[0]?.toFixed(2)}`);
  return lines;
}
