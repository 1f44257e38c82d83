/**
 * Child process of the query benchmark: serves hubcat over one catalog on an ephemeral port, so the load generator
 * runs in another process, as clients do. Prints one JSON line (`ServedCatalog`) once warm, then serves until its
 * standard input closes; each line `cpu` it reads is answered with a line `{"cpuMs": …}`, the CPU time this process
 * has used so far, which on a shared machine says more about a request's cost than the wall clock does.
 *
 * `--source` is an emulator preset (fetched over HTTP from an emulator in this process, cursor mode, sort
 * createdAt) or `synthetic:N` (N generated rows, see synthetic-catalog.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp } from '../../src/app/index.ts';
import { loadConfig } from '../../src/config.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { createHubcatYoga } from '../../src/graphql/index.ts';
import { prepareCatalog } from '../../src/query/index.ts';
import { CatalogCache, type SnapshotStore } from '../../src/store/index.ts';
import { syntheticSnapshot } from './synthetic-catalog.ts';

export interface ServedCatalog {
  url: string;
  models: number;
  snapshotId: string;
  /** Wall time to have the snapshot in memory: fetch (emulator) or generate and build (synthetic). */
  loadMs: number;
  /** Wall time of building every index of the snapshot. */
  prepareMs: number;
}

const QUALITY_BAR = { minDownloads: 100, minLikes: 5 };

const { values } = parseArgs({
  options: { source: { type: 'string' }, 'response-cache': { type: 'string', default: 'true' } },
});
const source = values.source ?? 'gateway-2025-10';
const responseCache = values['response-cache'] !== 'false';

const started = performance.now();
const { yoga, catalog, close } = source.startsWith('synthetic:')
  ? syntheticApp(Number(source.slice('synthetic:'.length)))
  : await emulatedApp(source);
const snapshot = await catalog.snapshot();
const loadMs = performance.now() - started;
const prepareStarted = performance.now();
prepareCatalog(snapshot.models);
const prepareMs = performance.now() - prepareStarted;

const server = createServer((request, response) => void yoga(request, response));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const served: ServedCatalog = {
  url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
  models: snapshot.models.size,
  snapshotId: snapshot.id,
  loadMs,
  prepareMs,
};
process.stdout.write(`${JSON.stringify(served)}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk.split('\n')) {
    if (line.trim() !== 'cpu') continue;
    const usage = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMs: (usage.user + usage.system) / 1000 })}\n`);
  }
});
process.stdin.on('end', () => {
  server.close();
  server.closeAllConnections();
  void close().then(() => process.exit(0));
});

async function emulatedApp(preset: string) {
  const emulator = await startEmulator({ preset, port: 0 });
  const config = loadConfig(
    { endpoint: emulator.url, strategy: 'multi-sort', sorts: 'createdAt', responseCache: String(responseCache) },
    {},
  );
  const app = createApp(config, { graphiql: false, upstreamLabel: `emulator ${preset}` });
  return { ...app, close: () => Promise.all([app.close(), emulator.close()]) };
}

function syntheticApp(count: number) {
  const snapshot = syntheticSnapshot(count);
  // Nothing to share or restore: a store would only copy a million rows back into objects.
  const store: SnapshotStore = {
    kind: 'memory',
    get: () => Promise.resolve(undefined),
    set: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const catalog = new CatalogCache({
    store,
    key: 'bench',
    ttlSeconds: 86_400,
    fetchSnapshot: () => Promise.resolve(snapshot),
    upstreamLabel: 'synthetic',
  });
  const yoga = createHubcatYoga({ catalog, qualityBar: QUALITY_BAR, graphiql: false, responseCache });
  return { yoga, catalog, close: () => catalog.settled() };
}
