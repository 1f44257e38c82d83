import { setTimeout as delay } from 'node:timers/promises';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheMode } from '../../src/store/index.ts';
import { useEmulator } from './emulator.ts';
import { eventually } from './eventually.ts';
import { startOwnCluster } from './redis-cluster.ts';
import { startOwnRedis } from './redis-server.ts';
import {
  crawlsBetween,
  lateToReport,
  listenForPublishes,
  observeReplicas,
  startReplicas,
  wentBack,
  type Publish,
  type Replica,
} from './replicas.ts';
import { keysOf } from './stored-catalog.ts';

const TTL_MS = 2000;
const LEASE_MS = 2000;
/**
 * The shortest time between two crawls among the replicas: a scheduled refresh fires within ±10 % of the TTL, and
 * adopts instead of crawling when the shared snapshot is younger than 90 % of it.
 */
const CRAWL_SPACING_MS = TTL_MS * 0.9;
/** How many crawls may start in a window of `ms` when they are at least `CRAWL_SPACING_MS` apart. */
const crawlsAllowedIn = (ms: number) => Math.floor(ms / CRAWL_SPACING_MS) + 1;
/** Per emulator request: a crawl (two sorts at once, two pages each) takes two round trips, about 0.8 s. */
const LATENCY_MS = 400;
const REPLICAS = ['replica-a', 'replica-b', 'replica-c'];

/** A Redis the suite owns and may restart: one server, or the node of a cluster that holds the catalog's slot. */
interface SharedRedis {
  url: string;
  mode: CacheMode;
  client(): Redis | Cluster;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function singleServer(): Promise<SharedRedis> {
  const own = await startOwnRedis();
  return { ...own, mode: 'standalone', client: () => own.client() };
}

export async function threeNodeCluster(catalogKey: string): Promise<SharedRedis> {
  const own = await startOwnCluster();
  const node = await own.nodeFor(catalogKey);
  return {
    url: own.url,
    mode: 'cluster',
    client: () => own.client(),
    kill: () => own.killNode(node),
    start: () => own.startNode(node),
    stop: () => own.stop(),
  };
}

/**
 * The multi-replica specification of issue 11, against the Redis `startRedis` starts (given a key of the catalog, so
 * a cluster can say which node to restart): three `hubcat serve` processes on one emulator, asked continuously.
 */
export function describeReplicasSharing(label: string, startRedis: (catalogKey: string) => Promise<SharedRedis>) {
  describe(`three hubcat serve replicas sharing ${label}`, () => {
    const emulator = useEmulator({ preset: 'gateway-2025-10', latencyMs: LATENCY_MS });
    let redis: SharedRedis;
    let replicas: Replica[] = [];
    let publishes: Publish[];
    let watch: ReturnType<typeof observeReplicas>;
    const allReport = (id: string, since: number) =>
      REPLICAS.every((replica) => watch.of(replica, since).some((seen) => seen.snapshotId === id));

    beforeAll(async () => {
      const keys = keysOf(emulator.url);
      redis = await startRedis(keys.pointer);
      publishes = await listenForPublishes(redis.client(), keys.channel);
      replicas = await startReplicas(REPLICAS, {
        HF_ENDPOINT: emulator.url,
        HUBCAT_CACHE_URL: redis.url,
        HUBCAT_CACHE_MODE: redis.mode,
        HUBCAT_TTL: String(TTL_MS / 1000),
        HUBCAT_LEASE_S: String(LEASE_MS / 1000),
      });
      watch = observeReplicas(replicas);
      // Up means serving: every replica has answered with a snapshot (the first crawl, cold, took a few seconds).
      await eventually(
        async () => REPLICAS.every((replica) => watch.of(replica).some((seen) => seen.ok && seen.snapshotId !== null)),
        (up) => up,
        30_000,
      );
    }, 60_000);
    afterAll(async () => {
      await watch.stop();
      for (const replica of replicas) replica.stop();
      await redis.stop();
    });

    it('crawl the Hub at most once per TTL between them, and all report each publish within 1 s', async () => {
      const start = Date.now();
      // Three publishes (about three TTLs), then until every replica has answered a question sent a second or more
      // after the third: the answers that say whether it reported that one in time (a later publish may come first).
      const third = await eventually(
        async () => publishes.filter((publish) => publish.at >= start)[2],
        (publish) => publish !== undefined,
        // Three TTLs when the machine is quiet; the deadline leaves room for a loaded one.
        15 * TTL_MS,
      );
      await eventually(
        async () => REPLICAS.every((replica) => watch.of(replica, third!.at + 1000).length > 0),
        (all) => all,
        10_000,
      );
      const end = Date.now();

      const crawls = crawlsBetween(emulator, start, end);
      // A crawl started before `start` may make the first publish; the two after it are crawled in the window.
      expect(crawls.length).toBeGreaterThanOrEqual(2);
      expect(crawls.length).toBeLessThanOrEqual(crawlsAllowedIn(end - start));
      const measured = publishes.filter((publish) => publish.at >= start && publish.at <= third!.at);
      expect(measured.length).toBeGreaterThanOrEqual(3);
      for (const publish of measured) {
        const next = publishes[publishes.indexOf(publish) + 1];
        expect(lateToReport(watch.observations, publish, next, REPLICAS), `late to report ${publish.id}`).toEqual([]);
      }
      expect(wentBack(watch.observations)).toEqual([]);
      expect(watch.of(undefined, start).filter((seen) => !seen.ok || seen.size !== 1377)).toEqual([]);
    }, 60_000);

    it('keep answering from memory while Redis restarts, say so, and coordinate again without a crawl storm', async () => {
      const killedAt = Date.now();
      await redis.kill();
      // The outage lasts until every replica has said so: each notices at its next refresh, within a TTL.
      const storeLost = (replica: string) =>
        watch.of(replica, killedAt).some((seen) => /snapshot store \(redis\)/.test(seen.lastError ?? ''));
      // Those yet to say so, with what they said last, which is what a timeout shows.
      await eventually(
        async () =>
          REPLICAS.filter((replica) => !storeLost(replica)).map((replica) => ({
            replica,
            last: watch.of(replica, killedAt).at(-1),
          })),
        (silent) => silent.length === 0,
        10_000,
      );
      const restartedAt = Date.now();
      await redis.start();
      const resumed = await eventually(
        async () => publishes.find((publish) => publish.at > restartedAt),
        (publish) => publish !== undefined,
        15_000,
      );
      // Right after a restart the replicas resubscribe, or notice the pointer on their next TTL check, while the test
      // suite loads the machine; the 1 s bound of steady state is the first test's, this one is about no crawl storm.
      await eventually(
        async () => allReport(resumed!.id, resumed!.at),
        (all) => all,
        10_000,
      );
      // Steady again: two more publishes, about two TTLs, in which a storm would show as a crawl per replica per TTL.
      const steadyFrom = Date.now();
      const second = await eventually(
        async () => publishes.filter((publish) => publish.at > steadyFrom)[1],
        (publish) => publish !== undefined,
        8 * TTL_MS,
      );
      const steadyUntil = second!.at;

      // Redis starts only after `restartedAt` was read, so an answer timed the same millisecond came before it.
      const duringOutage = watch.of(undefined, killedAt).filter((seen) => seen.at <= restartedAt);
      expect(duringOutage.every((seen) => seen.ok && seen.size === 1377)).toBe(true);
      for (const replica of REPLICAS) {
        const reports = duringOutage.filter((seen) => seen.replica === replica);
        expect(
          reports.some((seen) => /snapshot store \(redis\)/.test(seen.lastError ?? '')),
          replica,
        ).toBe(true);
      }
      // Without Redis each replica refreshes on its own, at most once per TTL; once one publishes again, one crawl per
      // TTL among them all.
      const outageTtls = Math.ceil((resumed!.at - killedAt) / TTL_MS) + 1;
      expect(crawlsBetween(emulator, killedAt, resumed!.at).length).toBeLessThanOrEqual(REPLICAS.length * outageTtls);
      expect(resumed!.at - restartedAt).toBeLessThanOrEqual(10_000);
      expect(crawlsBetween(emulator, steadyFrom, steadyUntil).length).toBeLessThanOrEqual(
        crawlsAllowedIn(steadyUntil - steadyFrom),
      );
      expect(wentBack(watch.observations)).toEqual([]);
      for (const replica of REPLICAS) expect(watch.of(replica).at(-1)?.lastError, replica).toBeNull();
    }, 60_000);

    it('let another replica take over within lease + TTL when the one crawling is killed, never going back', async () => {
      const client = redis.client();
      const lease = await eventually(
        () => client.get(keysOf(emulator.url).lease),
        (value) => value !== null,
        10_000,
        10,
      );
      const holder = lease!.slice(0, lease!.indexOf(' '));
      await delay(LATENCY_MS / 2); // the crawl is two round trips of LATENCY_MS: this is the middle of the first
      const killedAt = Date.now();
      await replicas.find((replica) => replica.id === holder)!.kill('SIGKILL');
      const takeover = await eventually(
        async () => publishes.find((publish) => publish.at > killedAt),
        (publish) => publish !== undefined,
        15_000,
      );
      const survivors = REPLICAS.filter((replica) => replica !== holder);
      await eventually(
        async () =>
          survivors.every((replica) =>
            watch.of(replica, takeover!.at).some((seen) => seen.snapshotId === takeover!.id),
          ),
        (all) => all,
        5000,
      );

      expect(takeover!.refreshedBy).not.toBe(holder);
      const [firstCrawlAfterKill] = crawlsBetween(emulator, killedAt);
      expect(firstCrawlAfterKill! - killedAt).toBeLessThanOrEqual(LEASE_MS + TTL_MS + 500);
      expect(wentBack(watch.observations)).toEqual([]);
    }, 40_000);
  });
}
