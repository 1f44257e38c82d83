/**
 * Child process of the shared-snapshot benchmark, so what it measures is a second replica's, not the writer's.
 * `--listen`: a replica that adopts whatever is published (loading it and preparing its query indexes, as a server
 * does) and prints one JSON line per adoption (or rejection), until
 * its stdin closes. `--read`: loads the current snapshot once, cold, prints its time and peak RSS, and exits.
 */
import { parseArgs } from 'node:util';
import { prepareCatalogInSteps } from '../src/query/index.ts';
import { CatalogCache, openRedis, SharedCatalog, type CacheEvent } from '../src/store/index.ts';
import { benchCatalogKeys } from './support/shared-catalog.ts';
import { timed } from './support/measure.ts';

export type ReplicaLine =
  { adopted: string; at: number; size: number; maxRssKiB: number } | { rejected: string; at: number };

export interface ColdRead {
  readMs: number;
  size: number;
  maxRssKiB: number;
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    listen: { type: 'boolean', default: false },
    read: { type: 'boolean', default: false },
  },
});
if (!values.url) throw new Error('snapshot-replica: --url is required');
const redis = openRedis(values.url, 'standalone');
const shared = new SharedCatalog({
  redis,
  keys: benchCatalogKeys(),
  replicaId: 'bench-replica',
  leaseMs: 60_000,
});
const print = (line: ReplicaLine | ColdRead) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (values.listen) {
  const onEvent = (event: CacheEvent) => {
    if (event.type === 'snapshot-adopted') {
      print({ adopted: event.snapshotId, at: Date.now(), size: event.size, maxRssKiB: process.resourceUsage().maxRSS });
    } else if (event.type === 'snapshot-rejected') {
      print({ rejected: event.reason, at: Date.now() });
    }
  };
  const cache = new CatalogCache({
    shared,
    ttlSeconds: 86_400,
    fetchSnapshot: () => Promise.reject(new Error('this replica only adopts')),
    upstreamLabel: 'bench',
    onEvent,
    // As `hubcat serve` does: a snapshot's query indexes are built before it is served.
    prepare: (snapshot) => prepareCatalogInSteps(snapshot.models),
  });
  process.stdin.resume();
  process.stdin.on('end', () => void cache.close().then(() => process.exit(0)));
} else if (values.read) {
  const { ms: readMs, result } = await timed(async () => {
    const { pointer } = await shared.store.readPointer();
    if (!pointer) throw new Error('snapshot-replica --read: nothing is published');
    return shared.store.load(pointer);
  });
  print({ readMs, size: result.snapshot.models.size, maxRssKiB: process.resourceUsage().maxRSS });
  shared.close();
  await redis.close();
}
