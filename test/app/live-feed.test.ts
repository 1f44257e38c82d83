import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-sse';
import { print } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, type App } from '../../src/app/index.ts';
import { updateTopic } from '../../src/live/index.ts';
import type { EvolveSpec, RunningEmulator } from '../../src/emulator/index.ts';
import { catalogKeys } from '../../src/store/index.ts';
import {
  CatalogUpdatedDocument,
  SnapshotsDocument,
  type CatalogUpdatedSubscription,
} from '../../schema/generated/graphql.ts';
import { runHubcat, startServeProcess } from '../support/cli.ts';
import { appFor, execute, manualTimer, query } from '../support/graphql.ts';
import { comparable, expectedChanges, readFeed, useFreshEmulators } from '../support/live.ts';
import { EventStreamReader } from '../support/sse.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const ACCEPTANCE: EvolveSpec = {
  added: 7,
  removed: [{ how: 'status-error' }, { how: 'delete' }, { how: 'unmap' }, { how: 'delete' }, { how: 'delete' }],
  updated: [{ field: 'gated' }, { field: 'pipeline_tag' }, { field: 'lastModified' }],
  drift: true,
};
type Update = CatalogUpdatedSubscription['catalogUpdated'];

/** The hash tag of the catalog `appFor` serves from an emulator (multi-sort, likes and downloads). */
const catalogKeyOf = (emulator: RunningEmulator) =>
  catalogKeys({
    upstream: emulator.url,
    provider: 'hf-inference',
    strategy: 'multi-sort',
    sorts: ['likes', 'downloads'],
  }).tag;

const emulatorTags: string[] = [];
afterAll(async () => {
  // Every key of these catalogs (snapshot and history) carries the hash tag of its emulator's plan: this run's own.
  const redis = new Redis(REDIS_URL);
  for (const tag of emulatorTags) {
    const keys = await redis.keys(`hubcat:*{${tag}}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

/** A loopback port nothing listens on: one just given up by a server. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits until `count` connections subscribe to the catalog's update topic in Redis. */
async function subscribersInRedis(redis: Redis, topic: string, count: number): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const [, subscribed] = (await redis.pubsub('NUMSUB', topic)) as [string, number];
    if (subscribed >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} subscribers to ${topic}`);
}

describe('the live feed over Server-Sent Events', () => {
  const startEmulator = useFreshEmulators();

  it('completes open subscriptions when the server shuts down, instead of waiting for subscribers to leave', async () => {
    const emulator = await startEmulator();
    const server = await listen(appFor(emulator.url), 0, '127.0.0.1');
    const reader = await EventStreamReader.open(`${server.url}/graphql`, CatalogUpdatedDocument);

    await server.close();
    expect(await reader.ended()).toBe(true);
  });

  it('sends one event per replaced snapshot to an EventSource reader and to graphql-sse’s client', async () => {
    const emulator = await startEmulator();
    const app = appFor(emulator.url);
    const server = await listen(app, 0, '127.0.0.1');
    const reader = await EventStreamReader.open(`${server.url}/graphql`, CatalogUpdatedDocument, { first: 3 });
    const client = createClient({ url: `${server.url}/graphql`, retryAttempts: 0 });
    const events = client.iterate<CatalogUpdatedSubscription>({ query: print(CatalogUpdatedDocument) });
    const firstFromClient = events.next();

    await app.catalog.refresh();
    const baseline = await reader.next<{ data: CatalogUpdatedSubscription }>();
    emulator.evolve(ACCEPTANCE);
    await app.catalog.refresh();
    const update = await reader.next<{ data: CatalogUpdatedSubscription }>();
    await app.catalog.refresh();
    const unchanged = await reader.next<{ data: CatalogUpdatedSubscription }>();
    const fromClient = await firstFromClient;
    reader.close();
    await events.return?.();
    client.dispose();
    await server.close();

    expect(baseline.data.catalogUpdated.snapshot).toMatchObject({ baseline: true, added: 0, size: 1377 });
    expect(update.data.catalogUpdated.snapshot).toMatchObject({ added: 7, removed: 5, updated: 3, baseline: false });
    expect(update.data.catalogUpdated.changes).toHaveLength(3); // first: 3
    expect(unchanged.data.catalogUpdated.snapshot).toMatchObject({ added: 0, removed: 0, updated: 0 });
    expect((fromClient.value as { data: CatalogUpdatedSubscription }).data.catalogUpdated.snapshot.id).toBe(
      baseline.data.catalogUpdated.snapshot.id,
    );
  });
});

describe('the live feed across replicas, through the real Redis', () => {
  const startEmulator = useFreshEmulators();

  it('delivers the update replica A fetched to subscribers of replicas B and C, and B serves the same history', async () => {
    const emulator = await startEmulator();
    emulatorTags.push(catalogKeyOf(emulator));
    const topic = updateTopic(catalogKeyOf(emulator));
    const redis = new Redis(REDIS_URL);
    const [a, b, c] = [0, 1, 2].map(() => appFor(emulator.url, { cacheUrl: REDIS_URL })) as [App, App, App];
    const [serverB, serverC] = await Promise.all([listen(b, 0, '127.0.0.1'), listen(c, 0, '127.0.0.1')]);
    await a.catalog.refresh();
    await a.live.updates.settled(); // the baseline's event is out before anyone subscribes
    // B and C serve the baseline too (adopting it includes preparing its indexes, partly on another thread), so the
    // first update their subscribers see is A's next one.
    for (const replica of [b, c]) {
      await replica.catalog.snapshot();
      await replica.live.updates.settled();
    }
    const before = [emulator.models, emulator.servedIds()] as const;
    emulator.evolve(ACCEPTANCE);

    const client = createClient({ url: `${serverB.url}/graphql`, retryAttempts: 0 });
    const onB = client.iterate<CatalogUpdatedSubscription>({
      query: print(CatalogUpdatedDocument),
      variables: { first: 100 },
    });
    const receivedOnB = onB.next();
    const onC = await EventStreamReader.open(`${serverC.url}/graphql`, CatalogUpdatedDocument, { first: 100 });
    await subscribersInRedis(redis, topic, 2);
    // What is not an update hubcat published never reaches a subscriber, however it got onto the channel.
    await redis.publish(topic, 'not json');
    await redis.publish(topic, JSON.stringify({ snapshot: { id: 'forged' }, changes: 'all of them' }));
    await a.catalog.refresh();
    const [fromB, fromC] = [
      ((await receivedOnB).value as { data: CatalogUpdatedSubscription }).data.catalogUpdated,
      (await onC.next<{ data: CatalogUpdatedSubscription }>()).data.catalogUpdated,
    ];
    await a.live.updates.settled();
    const historyOnB = await readFeed(b);
    onC.close();
    await onB.return?.();
    client.dispose();
    await Promise.all([a.close(), serverB.close(), serverC.close()]);
    await redis.quit();

    const expected = expectedChanges(before[0], emulator.models, before[1], emulator.servedIds());
    const asExpected = (update: Update) => update.changes.map((change) => comparable({ ...change, snapshotId: '' }));
    expect(fromB.snapshot).toMatchObject({ added: 7, removed: 5, updated: 3, unconfirmed: 0 });
    expect(asExpected(fromB)).toEqual(expected);
    expect(fromC).toEqual(fromB);
    expect(historyOnB.changes.map(comparable)).toEqual(expected);
  });

  it('lets a replica whose scheduled refresh comes just after another’s adopt that snapshot instead of crawling', async () => {
    const emulator = await startEmulator();
    emulatorTags.push(catalogKeyOf(emulator));
    const scheduleB = manualTimer();
    const a = appFor(emulator.url, { cacheUrl: REDIS_URL });
    const b = appFor(emulator.url, { cacheUrl: REDIS_URL }, { timer: scheduleB.timer });
    const baseline = await b.catalog.refresh();
    await b.live.updates.settled();
    emulator.evolve({ added: 2 });
    await a.catalog.snapshot(); // A starts from the snapshot B stored
    const next = await a.catalog.refresh();
    await a.live.updates.settled();
    emulator.resetLog();

    await scheduleB.fire();
    const servedByB = await b.catalog.snapshot();
    await b.live.updates.settled();
    const snapshots = (await query(b, SnapshotsDocument, {})).snapshots!;
    await Promise.all([a.close(), b.close()]);

    expect(emulator.requests.filter((request) => request.path === '/api/models')).toEqual([]);
    expect(servedByB.id).toBe(next.id);
    expect(snapshots.map(({ id, added, previousId }) => ({ id, added, previousId }))).toEqual([
      { id: next.id, added: 2, previousId: baseline.id },
      { id: baseline.id, added: 0, previousId: null },
    ]);
  });

  it('answers HISTORY_UNAVAILABLE for the feed, and still serves the catalog, when Redis cannot be reached', async () => {
    const emulator = await startEmulator();
    const app = appFor(emulator.url, { cacheUrl: `redis://127.0.0.1:${await closedPort()}` });
    const feed = await execute(app, '{ changes { totalCount } }');
    const models = await execute(app, '{ models(first: 1) { totalCount } }');
    await app.close();

    expect(feed.errors?.[0]?.extensions).toEqual({ code: 'HISTORY_UNAVAILABLE' });
    expect(feed.errors?.[0]?.message).toMatch(/^change history \(redis\) unavailable: /);
    expect(models).toEqual({ data: { models: { totalCount: 1377 } } });
  });

  it('keeps the history when the server restarts against Redis, and hubcat changes prints it', async () => {
    const emulator = await startEmulator();
    emulatorTags.push(catalogKeyOf(emulator));
    const first = appFor(emulator.url, { cacheUrl: REDIS_URL });
    await first.catalog.refresh();
    const before = [emulator.models, emulator.servedIds()] as const;
    emulator.evolve(ACCEPTANCE);
    await first.catalog.refresh();
    await first.close();
    const expected = expectedChanges(before[0], emulator.models, before[1], emulator.servedIds());

    const server = await startServeProcess(['--strategy', 'multi-sort'], {
      HF_ENDPOINT: emulator.url,
      HUBCAT_CACHE_URL: REDIS_URL,
    });
    try {
      const [json, table, badSince, unreachable] = await Promise.all([
        runHubcat(['changes', '--json'], { HUBCAT_SERVER: server.url }),
        runHubcat(['changes', '--server', server.url, '--kinds', 'added']),
        runHubcat(['changes', '--server', server.url, '--since', 'last week']),
        closedPort().then((port) => runHubcat(['changes', '--server', `http://127.0.0.1:${port}`])),
      ]);

      expect(json.code).toBe(0);
      const changes = JSON.parse(json.stdout) as Parameters<typeof comparable>[0][];
      expect(changes.map(comparable)).toEqual(expected);
      expect(table.stdout).toMatch(/^7 changes: 7 added, 0 removed, 0 updated/);
      for (const { modelId } of expected.filter((change) => change.kind === 'ADDED'))
        expect(table.stdout).toContain(modelId);
      expect(badSince).toMatchObject({ code: 2, stdout: '' });
      expect(badSince.stderr).toMatch(/^hubcat: .*must be an ISO-8601 instant/);
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toMatch(/^hubcat: cannot reach hubcat at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    } finally {
      server.stop();
    }
  }, 60_000);
});
