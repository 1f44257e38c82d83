import type { Cluster, Redis } from 'ioredis';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { startServeProcess, type ServeProcess } from './cli.ts';

export interface Replica extends ServeProcess {
  id: string;
}

/**
 * Starts one `hubcat serve` per id, all at once, each told its id through HUBCAT_REPLICA_ID. The specs watch every
 * replica ten times a second from one address, more than one client may ask of replicas sharing a rate limit, so the
 * limit is off here (test/edge/rate-limit.test.ts specifies it).
 */
export function startReplicas(ids: string[], env: Record<string, string>): Promise<Replica[]> {
  return Promise.all(
    ids.map(async (id) => ({
      id,
      ...(await startServeProcess(['--strategy', 'multi-sort'], {
        HUBCAT_RATE_LIMIT: '0',
        ...env,
        HUBCAT_REPLICA_ID: id,
      })),
    })),
  );
}

/** What one replica answered about its catalog: when the question left and when the answer came (epoch ms). */
export interface Observation {
  replica: string;
  sentAt: number;
  at: number;
  ok: boolean;
  snapshotId: string | null;
  fetchedAt: string | null;
  size: number;
  lastError: string | null;
}

interface CatalogAnswer {
  data?: {
    catalog: { snapshotId: string | null; fetchedAt: string | null; size: number; lastError: string | null };
  };
}

/**
 * Asks every replica for its `catalog` every `everyMs`, as a load balancer's clients would: on a fixed schedule, not
 * waiting for the previous answer, so a slow answer does not thin out the questions. A question not answered within
 * 3 s is recorded as not ok, so a stall shows instead of hanging the test.
 */
export function observeReplicas(replicas: Replica[], everyMs = 100) {
  const observations: Observation[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    for (const replica of replicas) {
      const asked: Promise<void> = ask(replica).then((observation) => {
        observations.push(observation);
        pending.delete(asked);
      });
      pending.add(asked);
    }
  }, everyMs);
  return {
    observations,
    /** The answers of `replica` (or of every replica) to questions sent from `since` on. */
    of: (replica?: string, since = 0) =>
      observations.filter((seen) => (replica === undefined || seen.replica === replica) && seen.sentAt >= since),
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
    },
  };
}

async function ask(replica: Replica): Promise<Observation> {
  const sentAt = Date.now();
  const unanswered = { replica: replica.id, sentAt, ok: false, snapshotId: null, fetchedAt: null, size: 0 };
  try {
    const response = await fetch(`${replica.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ catalog { snapshotId fetchedAt size lastError } }' }),
      signal: AbortSignal.timeout(3000),
    });
    const { data } = (await response.json()) as CatalogAnswer;
    if (!response.ok || !data) return { ...unanswered, at: Date.now(), lastError: `HTTP ${response.status}` };
    return { replica: replica.id, sentAt, at: Date.now(), ok: true, ...data.catalog };
  } catch (error) {
    return { ...unanswered, at: Date.now(), lastError: String(error) };
  }
}

export interface Publish {
  at: number;
  id: string;
  fetchedAt: string;
  refreshedBy: string;
}

/** Hears every publish announced on `channel`, with its arrival time, on a connection of the test's own. */
export async function listenForPublishes(client: Redis | Cluster, channel: string) {
  const publishes: Publish[] = [];
  client.on('message', (received: string, message: string) => {
    if (received !== channel) return;
    const { id, fetchedAt, refreshedBy } = JSON.parse(message) as Publish;
    publishes.push({ at: Date.now(), id, fetchedAt, refreshedBy });
  });
  await client.subscribe(channel);
  return publishes;
}

/** Crawls the emulator saw start in [from, to): each multi-sort crawl asks for one first page sorted by likes. */
export function crawlsBetween(emulator: RunningEmulator, from = 0, to = Number.POSITIVE_INFINITY): number[] {
  return emulator.requests
    .filter((request) => request.path === '/api/models' && request.query.sort === 'likes' && !request.query.cursor)
    .map((request) => request.at)
    .filter((at) => at >= from && at < to);
}

/**
 * Every time a replica answered with an older snapshot after it had already answered with a newer one: an answer
 * counts as before a question only if it arrived before that question was sent, so concurrent questions never count.
 */
export function wentBack(observations: Observation[]): string[] {
  const answers = observations.filter((seen) => seen.ok && seen.fetchedAt !== null);
  const byArrival = [...answers].sort((a, b) => a.at - b.at);
  const newest = new Map<string, string>();
  const problems: string[] = [];
  let arrived = 0;
  for (const question of [...answers].sort((a, b) => a.sentAt - b.sentAt)) {
    for (; arrived < byArrival.length && byArrival[arrived]!.at < question.sentAt; arrived++) {
      const { replica, fetchedAt } = byArrival[arrived]!;
      const before = newest.get(replica);
      if (before === undefined || Date.parse(fetchedAt!) > Date.parse(before)) newest.set(replica, fetchedAt!);
    }
    const before = newest.get(question.replica);
    if (before !== undefined && Date.parse(question.fetchedAt!) < Date.parse(before)) {
      problems.push(`${question.replica} answered ${question.fetchedAt} after having answered ${before}`);
    }
  }
  return problems;
}

/**
 * Replicas that, asked 1 s or more after `publish` (and before the next one), answered with an older snapshot, or
 * were never asked in that window.
 */
export function lateToReport(
  observations: Observation[],
  publish: Publish,
  next: Publish | undefined,
  replicas: string[],
) {
  const from = publish.at + 1000;
  const until = next?.at ?? Number.POSITIVE_INFINITY;
  return replicas.filter((replica) => {
    const asked = observations.filter((seen) => seen.replica === replica && seen.sentAt >= from && seen.sentAt < until);
    return (
      asked.length === 0 ||
      asked.some((seen) => !seen.ok || Date.parse(seen.fetchedAt ?? '') < Date.parse(publish.fetchedAt))
    );
  });
}
