import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import type { CacheEvent } from '../../src/store/index.ts';
import type { StoredColumnSlice } from '../../src/store/snapshot-schema.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { appFor, query } from '../support/graphql.ts';
import { recordingLogger } from '../support/logger.ts';
import { useOwnRedis } from '../support/redis-server.ts';
import { parsePrometheus, sampleValue } from '../support/prometheus.ts';
import { editColumn, keysOf, littleEndian, storedCatalog, storedValues } from '../support/stored-catalog.ts';

const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models').length;

const STATUS = '{ catalog { size snapshotId refreshedBy lastError } }';
interface Status {
  catalog: { size: number; snapshotId: string; refreshedBy: string; lastError: string | null };
}

type Stored = ReturnType<typeof storedCatalog>;
type Row = { id: string };
type Columns = StoredColumnSlice & Record<string, unknown>;

/** Figures for every mapping of the chunk, all absent but the first mapping's input price, with flags `flags`. */
const detailsWith = (columns: Columns, flags: number, inputPerMillion: number) => {
  const mappings = storedValues(columns, 'mappingProvider').length;
  const absent = Array.from({ length: mappings }, () => Number.NaN);
  const none = littleEndian(absent, Float64Array);
  return {
    contextLength: none,
    inputPerMillion: littleEndian([inputPerMillion, ...absent.slice(1)], Float64Array),
    outputPerMillion: none,
    firstTokenLatencyMs: none,
    throughput: none,
    flags: littleEndian([flags, ...absent.slice(1).map(() => 0)], Uint8Array),
  };
};

/** A replica that has adopted the snapshot a first replica fetched, and a way to publish over them as another writer. */
/**
 * Publishes a tampered snapshot `fetch-bad` to a replica serving a good one, and expects the replica to refuse it for
 * `reason`, say so in its status and keep serving what it had.
 */
async function expectRejected(
  setup: Awaited<ReturnType<typeof replicaServingAFetchedSnapshot>>,
  publish: () => Promise<unknown>,
  reason: RegExp,
): Promise<void> {
  await publish();
  const after = await eventually(
    () => query<Status, never>(setup.replica, STATUS),
    (status) => status.catalog.lastError !== null,
  );
  await setup.replica.close();

  expect(after.catalog).toMatchObject({ size: 1377, snapshotId: setup.first.catalog.snapshotId });
  expect(after.catalog.lastError).toMatch(/^stored snapshot rejected: /);
  expect(after.catalog.lastError).toMatch(reason);
  expect(setup.events).not.toContainEqual(
    expect.objectContaining({ type: 'snapshot-adopted', snapshotId: 'fetch-bad' }),
  );
}

async function replicaServingAFetchedSnapshot(emulator: RunningEmulator, redisUrl: string, client: Redis) {
  const fetcher = appFor(emulator.url, { cacheUrl: redisUrl, replicaId: 'fetcher' });
  const first = await query<Status, never>(fetcher, STATUS);
  const fetcherMetrics = parsePrometheus(await fetcher.metrics.metrics());
  await fetcher.close();
  const events: CacheEvent[] = [];
  const log = recordingLogger();
  const replica = appFor(
    emulator.url,
    { cacheUrl: redisUrl, replicaId: 'replica' },
    { logger: log, onCacheEvent: (event) => events.push(event) },
  );
  const adopted = await query<Status, never>(replica, STATUS);
  const stored = storedCatalog(client, keysOf(emulator.url));
  const manifest = await stored.manifest(first.catalog.snapshotId);
  const rows = (await stored.rows(first.catalog.snapshotId, 0)) as Row[];
  /** Republishes the same models in three chunks under a new id, one second newer. */
  const publishInThreeChunks = (id: string, tamper?: (stored: Stored, id: string) => Promise<unknown>) => {
    const fetchedAt = new Date(Date.parse(manifest.fetchedAt) + 1000).toISOString();
    return stored.publish(
      {
        id,
        fetchedAt,
        chunks: [rows.slice(0, 500), rows.slice(500, 1000), rows.slice(1000)],
        report: { ...manifest.report, id, finishedAt: fetchedAt },
      },
      () => tamper?.(stored, id) ?? Promise.resolve(),
    );
  };
  /**
   * Republishes the fetcher's chunk of columns under a new id, one second newer, after `tamper` edited it as someone
   * with redis-cli would: the checksum is made to match, so only the chunk's validation stands in the way.
   */
  const publishEditedColumns = async (id: string, tamper: (columns: Columns) => void, format = 2) => {
    const columns = (await stored.chunkValue(first.catalog.snapshotId, 0)) as Columns;
    tamper(columns);
    const fetchedAt = new Date(Date.parse(manifest.fetchedAt) + 1000).toISOString();
    return stored.publish({
      id,
      fetchedAt,
      format,
      chunks: [columns],
      report: { ...manifest.report, id, finishedAt: fetchedAt },
    });
  };
  const metrics = async () => parsePrometheus(await replica.metrics.metrics());
  return {
    first,
    adopted,
    replica,
    events,
    log,
    rows,
    publishInThreeChunks,
    publishEditedColumns,
    fetcherMetrics,
    metrics,
  };
}

describe('snapshots stored in chunks', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const redis = useOwnRedis();
  beforeEach(async () => {
    await redis.client().flushall();
  });

  it('are adopted by a running replica as soon as they are published, with zero Hub requests', async () => {
    const setup = await replicaServingAFetchedSnapshot(emulator, redis.url, redis.client());
    emulator.resetLog();
    await setup.publishInThreeChunks('fetch-in-three-chunks');
    // "As soon as" is the route, asserted below: the publish message, not a later look at the pointer. The deadline
    // only bounds a test that would otherwise wait for ever, on a machine the rest of the suite is loading.
    const after = await eventually(
      () => query<Status, never>(setup.replica, STATUS),
      (status) => status.catalog.snapshotId === 'fetch-in-three-chunks',
      10_000,
      20,
    );
    const metrics = await setup.metrics();
    const last = setup.rows.at(-1)!.id;
    const served = await query<{ models: { nodes: Row[] }; model: Row }, never>(
      setup.replica,
      `{ models(first: 500, orderBy: { field: ID, direction: ASC }) { nodes { id } } model(id: ${JSON.stringify(last)}) { id } }`,
    );
    await setup.replica.close();

    expect(setup.adopted.catalog).toMatchObject({ snapshotId: setup.first.catalog.snapshotId, refreshedBy: 'fetcher' });
    expect(after.catalog).toEqual({
      size: 1377,
      snapshotId: 'fetch-in-three-chunks',
      refreshedBy: 'forger',
      lastError: null,
    });
    expect(served.models.nodes.map((node) => node.id)).toEqual(setup.rows.slice(0, 500).map((row) => row.id));
    expect(served.model.id).toBe(last);
    expect(listingRequests(emulator)).toBe(0);
    expect(sampleValue(setup.fetcherMetrics, 'hubcat_refresh_lease_acquired_total')).toBe(1);
    expect(sampleValue(metrics, 'hubcat_refresh_lease_acquired_total')).toBe(0);
    expect(sampleValue(metrics, 'hubcat_snapshot_adopted_total', { route: 'catch-up' })).toBe(1);
    expect(sampleValue(metrics, 'hubcat_snapshot_adopted_total', { route: 'publication' })).toBe(1);
    expect(setup.events).toContainEqual({
      type: 'snapshot-adopted',
      snapshotId: 'fetch-in-three-chunks',
      size: 1377,
      refreshedBy: 'forger',
      route: 'publication',
    });
  });

  const corruptions: [string, (stored: Stored, id: string) => Promise<unknown>, RegExp][] = [
    [
      'a chunk overwritten with garbage',
      (stored, id) => redis.client().set(keysOf(emulator.url).chunk(id, 1), 'garbage'),
      /chunk 1 of snapshot fetch-bad does not match its checksum/,
    ],
    [
      'a chunk of the wrong shape whose checksum was made to match',
      async (stored, id) => {
        const payload = stored.deflated([{ foo: 1 }]);
        await redis.client().set(keysOf(emulator.url).chunk(id, 1), payload);
        const manifest = await stored.manifest(id);
        manifest.chunks[1] = { ...stored.entryOf(500, payload) };
        await redis.client().set(keysOf(emulator.url).manifest(id), JSON.stringify(manifest));
      },
      /chunk 1 of snapshot fetch-bad has the wrong shape \(0\.id: /,
    ],
    [
      'a missing chunk',
      (stored, id) => redis.client().del(keysOf(emulator.url).chunk(id, 2)),
      /chunk 2 of snapshot fetch-bad is missing/,
    ],
    [
      'a missing manifest',
      (stored, id) => redis.client().del(keysOf(emulator.url).manifest(id)),
      /the manifest of snapshot fetch-bad is missing/,
    ],
    [
      'chunks swapped, so a model comes twice and out of order',
      async (stored, id) => {
        const client = redis.client();
        const [zero, one] = [keysOf(emulator.url).chunk(id, 0), keysOf(emulator.url).chunk(id, 1)];
        const manifest = await stored.manifest(id);
        const payloads = [await client.getBuffer(zero), await client.getBuffer(one)];
        await client.set(zero, payloads[1]!);
        await client.set(one, payloads[0]!);
        manifest.chunks = [manifest.chunks[1]!, manifest.chunks[0]!, manifest.chunks[2]!];
        await client.set(keysOf(emulator.url).manifest(id), JSON.stringify(manifest));
      },
      /snapshot fetch-bad lists .* out of order or twice/,
    ],
  ];

  it.each(corruptions)(
    'reject a snapshot with %s, keep serving the last good one, and say why',
    async (_, tamper, reason) => {
      const setup = await replicaServingAFetchedSnapshot(emulator, redis.url, redis.client());
      await expectRejected(setup, () => setup.publishInThreeChunks('fetch-bad', tamper), reason);
      expect(setup.log.matching(reason)).toHaveLength(1);
      expect(setup.events).toContainEqual({ type: 'snapshot-rejected', reason: expect.stringMatching(reason) });
    },
  );

  it('are written as columns (format 2) and read back model for model, as are snapshots of rows (format 1)', async () => {
    const setup = await replicaServingAFetchedSnapshot(emulator, redis.url, redis.client());
    const stored = storedCatalog(redis.client(), keysOf(emulator.url));
    const written = await stored.manifest(setup.first.catalog.snapshotId);
    const columns = (await stored.chunkValue(setup.first.catalog.snapshotId, 0)) as Columns;
    await setup.publishEditedColumns('fetch-columns-again', () => undefined);
    const after = await eventually(
      () => query<Status, never>(setup.replica, STATUS),
      (status) => status.catalog.snapshotId === 'fetch-columns-again',
    );
    await setup.replica.close();

    expect(written.format).toBe(2);
    expect(columns.ids).toEqual(setup.rows.map((row) => row.id));
    expect(new Set(columns.strings).size).toBe(columns.strings.length);
    expect(after.catalog).toMatchObject({ size: 1377, lastError: null });
  });

  /** Edits of the one chunk of columns, each as an attacker would write it, and the reason each is refused. */
  const columnEdits: [string, (columns: Columns) => void, RegExp][] = [
    [
      'a tag code beyond its strings',
      (columns) => editColumn(columns, 'tags', (codes) => void (codes[5] = columns.strings.length + 7)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(tags\.5: \d+ is out of bounds\)/,
    ],
    [
      'a negative code where a value is required',
      (columns) => editColumn(columns, 'mappingProvider', (codes) => void (codes[0] = -1)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(mappingProvider\.0: -1 is out of bounds\)/,
    ],
    [
      'a negative code below what any column means',
      (columns) => editColumn(columns, 'author', (codes) => void (codes[0] = -3)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(author\.0: -3 is out of bounds\)/,
    ],
    [
      'a Hub id code beyond its strings',
      (columns) => editColumn(columns, 'hubIdCode', (codes) => void (codes[9] = columns.strings.length)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(hubIdCode\.9: \d+ is out of bounds\)/,
    ],
    [
      'a column of codes one entry short',
      (columns) => editColumn(columns, 'tags', (codes) => void codes.pop()),
      /chunk 0 of snapshot fetch-bad is inconsistent \(tags has (\d+) entries for (?!\1)\d+\)/,
    ],
    [
      'Hub ids one row of bytes short',
      (columns) => editColumn(columns, 'hubIdBytes', (bytes) => void bytes.splice(-12)),
      /chunk 0 of snapshot fetch-bad is inconsistent \(hubIdBytes has 16512 values for 1377 rows\)/,
    ],
    [
      'a column of codes of the right length that is not base64',
      (columns) => void (columns.author = `${'*'.repeat(8)}${columns.author.slice(8)}`),
      /chunk 0 of snapshot fetch-bad has author not in base64/,
    ],
    [
      'a column one value short',
      (columns) => editColumn(columns, 'downloads', (values) => values.pop()),
      /chunk 0 of snapshot fetch-bad is inconsistent \(downloads has 1376 values for 1377 rows\)/,
    ],
    [
      'tag counts that overrun its tags',
      (columns) => editColumn(columns, 'tagCount', (counts) => void (counts[0] = counts[0]! + 1)),
      /chunk 0 of snapshot fetch-bad is inconsistent \(tags has \d+ entries for \d+\)/,
    ],
    [
      'numbers where the bytes of a float64 column belong',
      (columns) => void ((columns as Record<string, unknown>).likes = [1, 2, 3]),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(likes: /,
    ],
    [
      'a float64 column of the right length that is not base64',
      (columns) => void (columns.likes = `${'!'.repeat(8)}${columns.likes.slice(8)}`),
      /chunk 0 of snapshot fetch-bad has likes not in base64/,
    ],
    [
      'an absent value (NaN) where the row schema requires a number',
      (columns) => editColumn(columns, 'downloads', (values) => void (values[2] = Number.NaN)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(downloads\.2: NaN is out of bounds\)/,
    ],
    [
      'a string longer than a row may hold',
      (columns) => void (columns.strings[0] = 'x'.repeat(513)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(strings\.0: /,
    ],
    [
      'a timestamp no date can hold',
      (columns) => editColumn(columns, 'createdAt', (values) => void (values[0] = 1e300)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(createdAt\.0: 1e\+300 is out of bounds\)/,
    ],
    [
      'a timestamp with a fraction of a millisecond',
      (columns) => editColumn(columns, 'createdAt', (values) => void (values[1] = 1.5)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(createdAt\.1: 1\.5 is out of bounds\)/,
    ],
    [
      'a price on a mapping without a source',
      (columns) => (columns.details = detailsWith(columns, 0, 0.01)),
      /chunk 0 of snapshot fetch-bad is inconsistent \(a mapping has figures it has no source for\)/,
    ],
    [
      'a negative price',
      (columns) => (columns.details = detailsWith(columns, 1, -0.01)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(details\.inputPerMillion\.0: -0\.01 is out of bounds\)/,
    ],
    [
      'a foundBy beyond its lists',
      (columns) => editColumn(columns, 'foundBy', (lists) => void (lists[3] = columns.foundByLists.length)),
      /chunk 0 of snapshot fetch-bad has the wrong shape \(foundBy\.3: \d+ is out of bounds\)/,
    ],
    [
      'two ids swapped',
      (columns) => void ([columns.ids[0], columns.ids[1]] = [columns.ids[1]!, columns.ids[0]!]),
      /snapshot fetch-bad lists .* out of order or twice/,
    ],
  ];

  it.each(columnEdits)(
    'reject a chunk of columns with %s, keep serving the last good snapshot, and say why',
    async (_, tamper, reason) => {
      const setup = await replicaServingAFetchedSnapshot(emulator, redis.url, redis.client());
      await expectRejected(setup, () => setup.publishEditedColumns('fetch-bad', tamper), reason);
    },
  );

  it.each([
    [
      'a format this replica does not know',
      3,
      /snapshot fetch-bad is stored in format 3, which this replica does not read \(it reads 1 and 2\)/,
    ],
    ['columns under a manifest that says rows', 1, /chunk 0 of snapshot fetch-bad has the wrong shape \(\(root\): /],
  ])('refuse a snapshot in %s by name, keeping the last good one', async (_, format, reason) => {
    const setup = await replicaServingAFetchedSnapshot(emulator, redis.url, redis.client());
    await setup.publishEditedColumns('fetch-bad', () => undefined, format);
    const after = await eventually(
      () => query<Status, never>(setup.replica, STATUS),
      (status) => status.catalog.lastError !== null,
    );
    await setup.replica.close();

    expect(after.catalog).toMatchObject({ size: 1377, snapshotId: setup.first.catalog.snapshotId });
    expect(after.catalog.lastError).toMatch(reason);
  });

  it('ignore, and report once, a publish message that is not a pointer', async () => {
    const setup = await replicaServingAFetchedSnapshot(emulator, redis.url, redis.client());
    const channel = keysOf(emulator.url).channel;
    for (let i = 0; i < 3; i++) await redis.client().publish(channel, JSON.stringify({ id: '}evil{', chunks: -1 }));
    const after = await eventually(
      () => query<Status, never>(setup.replica, STATUS),
      (status) => status.catalog.lastError !== null,
    );
    await setup.replica.close();

    expect(after.catalog).toMatchObject({ size: 1377, snapshotId: setup.first.catalog.snapshotId });
    expect(after.catalog.lastError).toMatch(/^stored snapshot rejected: a publish message has the wrong shape \(id: /);
    expect(setup.log.matching(/a publish message has the wrong shape/)).toHaveLength(1);
  });
});
