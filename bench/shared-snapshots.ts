import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { inflateSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { CatalogSnapshot } from '../src/catalog/index.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { ChunkedSnapshotStore, openRedis, SharedCatalog, type CatalogKeys } from '../src/store/index.ts';
import type { ColdRead, ReplicaLine } from './snapshot-replica.ts';
import { fetchFrom } from './support/fetch.ts';
import { count, mib, ms, ratio, table, type BenchResult } from './support/format.ts';
import { timed } from './support/measure.ts';
import { startBenchRedis } from './support/redis-server.ts';
import { benchCatalogKeys, presetModels, repeated, snapshotOf } from './support/shared-catalog.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./snapshot-replica.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DAY_MS = 86_400_000;
// A million rows take tens of seconds to load on a loaded 2-CPU machine; this only turns a hang into a failure.
const ADOPTION_TIMEOUT_MS = 5 * 60_000;

interface Row {
  label: string;
  models: number;
  chunks: number;
  writeMs: number;
  /** Live heap (after a full GC) at each chunk's SET, at most, minus the live heap before: what writing holds. */
  writeHeapKiB: number;
  /** The snapshot as JSON, estimated from the first chunk's rows: what writing it in one piece would have held. */
  jsonKiB: number;
  deflatedBytes: number;
  redisBytes: number;
  /** Null where no replica was listening. */
  adoption: { ms: number; replicaRssKiB: number } | null;
  read: ColdRead;
}

/**
 * Snapshots stored in Redis as chunks: write and read time at 1,377, 100,000 and 1,000,000 models, what they cost in
 * Redis, and how long a publish takes to be adopted by another replica. The writer is this process, the adopting
 * replica and the cold reader are children, and Redis is a server of the benchmark's own.
 */
export async function benchSharedSnapshots(): Promise<BenchResult> {
  const redis = await startBenchRedis();
  const keys = benchCatalogKeys();
  const connections = openRedis(redis.url, 'standalone');
  const writer = new SharedCatalog({
    redis: connections,
    keys,
    replicaId: 'bench-writer',
    leaseMs: 60_000,
  });
  const replica = startReplica(redis.url);
  try {
    await subscribed(redis.client, keys.channel);
    const gateway = await fetchedGateway();
    const base = presetModels('scale-100k');
    const sizes: [label: string, build: () => CatalogSnapshot, adopted: boolean][] = [
      ['gateway-2025-10 (fetched from the emulator)', () => gateway, true],
      ['scale-100k rows (generated, not served)', () => snapshotOf(base, gateway.report, '100k'), true],
      ['1M rows (scale-100k ×10, owners prefixed)', () => snapshotOf(repeated(base, 10), gateway.report, '1m'), true],
    ];
    const rows: Row[] = [];
    for (const [label, build, adopted] of sizes) {
      rows.push(await measure(label, build(), { writer, replica: adopted ? replica : null, redis, keys }));
    }
    return report(rows);
  } finally {
    replica.stop();
    writer.close();
    await connections.close();
    await redis.stop();
  }
}

async function fetchedGateway(): Promise<CatalogSnapshot> {
  const emulator = await startEmulator({ preset: 'gateway-2025-10', port: 0 });
  try {
    return await fetchFrom(emulator.url);
  } finally {
    await emulator.close();
  }
}

interface Rig {
  writer: SharedCatalog;
  replica: ReturnType<typeof startReplica> | null;
  redis: { url: string; client: Redis };
  keys: CatalogKeys;
}

async function measure(label: string, snapshot: CatalogSnapshot, rig: Rig): Promise<Row> {
  const { writer, replica, redis, keys } = rig;
  const probe = heapProbe();
  const probed = new ChunkedSnapshotStore(redis.client, keys, probe.timed);
  const { ms: wallMs, result: pointer } = await timed(() => probed.write(snapshot, 'bench-writer'));
  const writeMs = wallMs - probe.gcMs();
  const writeHeapKiB = probe.peakKiB();
  const attempt = await writer.lease.tryAcquire();
  if (!attempt.acquired) throw new Error(`the lease is held by ${attempt.holder}`);
  const publishedAt = Date.now();
  const outcome = await writer.store.publish(pointer, attempt.grant, DAY_MS);
  await writer.lease.release(attempt.grant);
  if (outcome !== 'published') throw new Error(`publish of ${pointer.id}: ${outcome}`);
  const adopted = replica && (await replica.adoption(pointer.id));

  const snapshotKeys = [
    keys.manifest(pointer.id),
    ...Array.from({ length: pointer.chunks }, (_, i) => keys.chunk(pointer.id, i)),
  ];
  const redisBytes = (
    await Promise.all(snapshotKeys.map((key) => redis.client.memory('USAGE', key, 'SAMPLES', 0)))
  ).reduce<number>((sum, bytes) => sum + (bytes ?? 0), 0);
  const firstChunk = (await redis.client.getBuffer(keys.chunk(pointer.id, 0)))!;
  const manifest = JSON.parse((await redis.client.get(keys.manifest(pointer.id)))!) as {
    chunks: { rows: number; bytes: number }[];
  };
  const jsonBytesPerRow = inflateSync(firstChunk).length / manifest.chunks[0]!.rows;
  return {
    label,
    models: snapshot.models.size,
    chunks: pointer.chunks,
    writeMs,
    writeHeapKiB,
    jsonKiB: (jsonBytesPerRow * snapshot.models.size) / 1024,
    deflatedBytes: manifest.chunks.reduce((sum, chunk) => sum + chunk.bytes, 0),
    redisBytes,
    adoption: adopted && { ms: adopted.at - publishedAt, replicaRssKiB: adopted.maxRssKiB },
    read: await coldRead(redis.url),
  };
}

function report(rows: Row[]): BenchResult {
  const [, hundredK, million] = rows;
  const perModel = (bytes: number, row: Row) => `${count(Math.round(bytes / row.models))} B`;
  return {
    title:
      '5. Shared snapshots in Redis — chunks of 10,000 rows, deflated, behind one pointer; writer here, replica and reader in child processes',
    body: [
      'Rows for 100k come from the scale-100k population, normalized in process (not served over HTTP); 1M repeats them ten times under prefixed owners, because generating the scale-1m preset takes minutes today. The report of every snapshot is the fetched gateway one, resized.',
      table(
        [
          'snapshot',
          'models',
          'chunks',
          'write',
          'writer live heap, max',
          'as one JSON (est.)',
          'deflated per model',
          'Redis per model',
          'cold read (2nd process)',
          'reader peak RSS',
          'publish → adopted',
          'replica peak RSS',
        ],
        rows.map((row) => [
          row.label,
          count(row.models),
          count(row.chunks),
          ms(row.writeMs),
          mib(row.writeHeapKiB),
          mib(row.jsonKiB),
          perModel(row.deflatedBytes, row),
          perModel(row.redisBytes, row),
          ms(row.read.readMs),
          mib(row.read.maxRssKiB),
          row.adoption ? ms(row.adoption.ms) : '–',
          row.adoption ? mib(row.adoption.replicaRssKiB) : '–',
        ]),
      ),
      hundredK && million
        ? `1M ÷ 100k (linear would be 10): write ${ratio(million.writeMs / hundredK.writeMs)}×, cold read ${ratio(million.read.readMs / hundredK.read.readMs)}×, Redis bytes ${ratio(million.redisBytes / hundredK.redisBytes)}×`
        : '',
      `Redis bytes ÷ JSON bytes (the baseline: one uncompressed value): ${rows.map((row) => ratio(row.redisBytes / 1024 / row.jsonKiB)).join(' / ')}`,
      "Writer live heap: measured after a full GC as each chunk is sent (the chunk's rows and deflated bytes are live then); it stays near one chunk whatever the snapshot's size, against the whole snapshot as JSON beside it. Write times exclude those forced GCs.",
      'Publish → adopted includes the replica loading the snapshot (a few chunks fetched at a time, each verified, inflated in the thread pool while the one before is validated and added to the table, the event loop getting a turn after each chunk) and preparing its query indexes, as `hubcat serve` does before it serves a snapshot; the cold read is the load alone.',
      million?.adoption
        ? `1M adoption: ${ms(million.adoption.ms)} ≤ 10,000 ms ${million.adoption.ms <= 10_000 ? 'held' : 'DID NOT HOLD'}; replica peak RSS ${mib(million.adoption.replicaRssKiB)} ≤ 600 MiB ${million.adoption.replicaRssKiB <= 600 * 1024 ? 'held' : 'DID NOT HOLD'}; cold read (load only) ${ms(million.read.readMs)}, peak RSS ${mib(million.read.maxRssKiB)}`
        : '',
    ].filter(Boolean),
  };
}

/**
 * Stands in for the store's per-command deadline: before each command (each chunk's SET, then the manifest's) it
 * forces a full GC and records the live heap, so the peak says what writing holds at once, garbage aside. The GC time
 * is kept apart, to be taken off the write time.
 */
function heapProbe() {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const liveHeap = () => {
    const start = performance.now();
    gc();
    gcMs += performance.now() - start;
    return process.memoryUsage().heapUsed;
  };
  let gcMs = 0;
  const before = liveHeap();
  gcMs = 0;
  let peak = before;
  return {
    timed: <T>(command: Promise<T>): Promise<T> => {
      peak = Math.max(peak, liveHeap());
      return command;
    },
    gcMs: () => gcMs,
    peakKiB: () => (peak - before) / 1024,
  };
}

async function subscribed(client: Redis, channel: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [, subscribers] = (await client.pubsub('NUMSUB', channel)) as [string, number];
    if (subscribers > 0) return;
    await delay(50);
  }
  throw new Error('the replica never subscribed');
}

function spawnChild(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, ...args], { cwd: REPO_ROOT });
}

/** The adopting replica: each adoption it reports is matched to the snapshot id a caller waits for. */
function startReplica(url: string) {
  const child = spawnChild(['--listen', '--url', url]);
  const lines: ReplicaLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(JSON.parse(line) as ReplicaLine);
    for (const wake of waiters) wake();
  });
  return {
    adoption: async (id: string) => {
      const deadline = Date.now() + ADOPTION_TIMEOUT_MS;
      for (;;) {
        const line = lines.find((seen) => 'adopted' in seen && seen.adopted === id);
        if (line && 'adopted' in line) return line;
        const rejected = lines.find((seen) => 'rejected' in seen);
        if (rejected && 'rejected' in rejected)
          throw new Error(`the replica rejected a snapshot: ${rejected.rejected}`);
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no adoption of ${id}: ${stderr.slice(-2000)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 1000);
        });
      }
    },
    stop: () => {
      if (!child.stdin.writableEnded) child.stdin.end();
    },
  };
}

function coldRead(url: string): Promise<ColdRead> {
  const child = spawnChild(['--read', '--url', url]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ColdRead);
      else reject(new Error(`cold read exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
}
