import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogUpdate, ModelChangeDraft, ModelChangeKind } from '../../src/catalog/index.ts';
import {
  ChangeFeedInputError,
  ChangeHistory,
  createChangeHistory,
  historyKeyPrefix,
  type ChangeRetention,
} from '../../src/store/index.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
const GENEROUS: ChangeRetention = { maxChanges: 10_000, maxAgeMs: 30 * 86_400_000 };
const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A replacement detected `minutes` after T0 with the given changes, `kind:modelId` each. */
function update(id: string, minutes: number, specs: string[] = []): CatalogUpdate {
  const drafts: ModelChangeDraft[] = specs
    .map((spec) => {
      const [kind, modelId] = spec.split(':') as [ModelChangeKind, string];
      return { kind, modelId, fields: [{ field: 'pipelineTag', before: null, after: modelId }] };
    })
    .sort((a, b) => (a.modelId < b.modelId ? -1 : 1));
  const count = (kind: ModelChangeKind) => drafts.filter((draft) => draft.kind === kind).length;
  return {
    snapshot: {
      id,
      fetchedAt: at(minutes - 1),
      detectedAt: at(minutes),
      size: 100,
      complete: true,
      previousId: null,
      baseline: specs.length === 0,
      added: count('ADDED'),
      removed: count('REMOVED'),
      updated: count('UPDATED'),
      unconfirmed: 0,
    },
    changes: drafts.map((draft) => ({ ...draft, detectedAt: at(minutes), snapshotId: id })),
  };
}

/** Every change of the feed, following endCursor page by page. */
async function readAll(history: ChangeHistory, request: { since?: string; kinds?: ModelChangeKind[] }, first = 2) {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await history.page({ ...request, first, after });
    seen.push(...page.nodes.map((change) => `${change.snapshotId} ${change.kind} ${change.modelId}`));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

const catalogKeys: string[] = [];
/** The command connection a process's app would pass to its history. */
const connections: Redis[] = [];
const connection = () => {
  const redis = new Redis(REDIS_URL);
  connections.push(redis);
  return redis;
};
afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit()));
  const redis = new Redis(REDIS_URL);
  for (const key of catalogKeys) {
    const own = await redis.keys(`${historyKeyPrefix(key).replaceAll(/[*?[\]]/g, '\\$&')}*`);
    if (own.length > 0) await redis.del(...own);
  }
  await redis.quit();
});

describe.each([
  ['memory', undefined],
  ['Redis', REDIS_URL],
])('the change history in %s', (_name, cacheUrl) => {
  const open = (retention = GENEROUS, catalogKey = `test-history|${randomUUID()}`) => {
    catalogKeys.push(catalogKey);
    return {
      history: createChangeHistory({ redis: cacheUrl === undefined ? undefined : connection(), catalogKey, retention }),
      catalogKey,
    };
  };

  it('lists snapshot summaries newest first, and remembers the ids left unconfirmed', async () => {
    const { history } = open();
    await history.record(update('s1', 0), new Map(), T0);
    await history.record(update('s2', 60, ['ADDED:a/x']), new Map([['b/y', { pipelineTag: 'fill-mask' }]]), T0);
    const snapshots = await history.snapshots(20);
    const head = await history.head();

    expect(snapshots.map((summary) => [summary.id, summary.added])).toEqual([
      ['s2', 1],
      ['s1', 0],
    ]);
    expect(snapshots[0]).toEqual(update('s2', 60, ['ADDED:a/x']).snapshot);
    expect(head?.summary.id).toBe('s2');
    expect([...head!.unconfirmed]).toEqual([['b/y', { pipelineTag: 'fill-mask' }]]);
  });

  it('pages the feed oldest first, by detection time then model id, each change exactly once', async () => {
    const { history } = open();
    await history.record(update('s1', 0), new Map(), T0);
    await history.record(update('s2', 60, ['ADDED:c/c', 'REMOVED:a/a', 'UPDATED:b/b']), new Map(), T0);
    await history.record(update('s3', 120, ['ADDED:a/a', 'UPDATED:z/z']), new Map(), T0);
    const all = await readAll(history, {});
    const firstPage = await history.page({ first: 2 });
    const secondPage = await history.page({ first: 2, after: firstPage.pageInfo.endCursor });

    expect(all).toEqual(['s2 REMOVED a/a', 's2 UPDATED b/b', 's2 ADDED c/c', 's3 ADDED a/a', 's3 UPDATED z/z']);
    expect(firstPage).toMatchObject({ totalCount: 5, truncated: false });
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(secondPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(secondPage.nodes[0]).toEqual({
      kind: 'ADDED',
      modelId: 'c/c',
      detectedAt: at(60),
      snapshotId: 's2',
      fields: [{ field: 'pipelineTag', before: null, after: 'c/c' }],
    });
  });

  it('treats since as exclusive, filters by kind, and counts what matches across all pages', async () => {
    const { history } = open();
    await history.record(update('s1', 0, ['ADDED:a/a']), new Map(), T0);
    await history.record(update('s2', 60, ['ADDED:b/b', 'REMOVED:c/c']), new Map(), T0);
    await history.record(update('s3', 120, ['ADDED:d/d', 'UPDATED:e/e']), new Map(), T0);

    expect(await readAll(history, { since: at(0) })).toEqual([
      's2 ADDED b/b',
      's2 REMOVED c/c',
      's3 ADDED d/d',
      's3 UPDATED e/e',
    ]);
    expect(await readAll(history, { since: at(59) }, 1)).toHaveLength(4);
    expect(await readAll(history, { kinds: ['ADDED'] }, 1)).toEqual(['s1 ADDED a/a', 's2 ADDED b/b', 's3 ADDED d/d']);
    expect((await history.page({ first: 1, since: at(0), kinds: ['ADDED', 'UPDATED'] })).totalCount).toBe(3);
    expect((await history.page({ first: 1, since: at(120) })).totalCount).toBe(0);
  });

  it('resumes from a cursor: what was recorded after it comes next', async () => {
    const { history } = open();
    await history.record(update('s1', 0, ['ADDED:a/a', 'ADDED:b/b']), new Map(), T0);
    const { pageInfo } = await history.page({ first: 10 });
    await history.record(update('s2', 60, ['REMOVED:a/a']), new Map(), T0);
    const resumed = await history.page({ first: 10, after: pageInfo.endCursor });

    expect(resumed.nodes.map((change) => `${change.kind} ${change.modelId}`)).toEqual(['REMOVED a/a']);
  });

  it('keeps at most the newest maxChanges changes, says the feed was truncated, and keeps the newest summary', async () => {
    const { history } = open({ maxChanges: 3, maxAgeMs: GENEROUS.maxAgeMs });
    await history.record(update('s1', 0, ['ADDED:a/a', 'ADDED:b/b']), new Map(), T0);
    await history.record(update('s2', 60, ['UPDATED:a/a', 'UPDATED:b/b']), new Map(), T0);
    await history.record(update('s3', 120, ['REMOVED:a/a', 'REMOVED:b/b', 'ADDED:c/c', 'ADDED:d/d']), new Map(), T0);
    const page = await history.page({ first: 10 });
    const summaries = await history.snapshots(10);

    expect(page.nodes.map((change) => `${change.kind} ${change.modelId}`)).toEqual([
      'REMOVED b/b',
      'ADDED c/c',
      'ADDED d/d',
    ]);
    expect(page).toMatchObject({ totalCount: 3, truncated: true });
    expect(summaries.map((summary) => summary.id)).toEqual(['s3', 's2', 's1']);
  });

  it('drops changes and summaries older than maxAge, but never the newest summary', async () => {
    const { history } = open({ maxChanges: 100, maxAgeMs: 90 * 60_000 });
    await history.record(update('s1', 0, ['ADDED:a/a']), new Map(), T0);
    await history.record(update('s2', 60, ['ADDED:b/b']), new Map(), T0 + 60 * 60_000);
    await history.record(update('s3', 120, ['ADDED:c/c']), new Map(), T0 + 120 * 60_000);
    const whileFresh = await readAll(history, {});
    await history.record(update('s4', 400, []), new Map(), T0 + 400 * 60_000);
    const afterwards = await history.page({ first: 10 });
    const summaries = await history.snapshots(10);

    expect(whileFresh).toEqual(['s2 ADDED b/b', 's3 ADDED c/c']);
    expect(afterwards).toMatchObject({ nodes: [], totalCount: 0, truncated: true });
    expect(summaries.map((summary) => summary.id)).toEqual(['s4']);
  });

  it('refuses a cursor it did not issue and a since that is not an ISO-8601 instant, with codes', async () => {
    const { history } = open();
    await history.record(update('s1', 0, ['ADDED:a/a']), new Map(), T0);
    const forged = Buffer.from(JSON.stringify({ v: 1, t: -5, m: 'x', s: 's', i: 0 })).toString('base64url');
    const refusal = (request: { after?: string; since?: string }) =>
      history.page({ first: 5, ...request }).then(
        () => null,
        (error: unknown) => error,
      );

    for (const after of ['nonsense!', 'eyJ2IjoxfQ', forged, 'a'.repeat(5000)]) {
      expect(await refusal({ after })).toMatchObject({ code: 'INVALID_CURSOR', argument: 'after' });
    }
    for (const since of ['yesterday', '1', '2026-03-01', '2026-13-45T00:00:00Z']) {
      const error = await refusal({ since });
      expect(error).toBeInstanceOf(ChangeFeedInputError);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
    }
  });

  it('refuses to record a replacement that is not newer than the last one recorded', async () => {
    const { history } = open();
    await history.record(update('s1', 60), new Map(), T0);
    await expect(history.record(update('s0', 60, ['ADDED:a/a']), new Map(), T0)).rejects.toThrow(/not newer/);
  });
});

describe('the change history in Redis, across processes', () => {
  it('is the same history for a process that opens it later', async () => {
    const catalogKey = `test-history|${randomUUID()}`;
    catalogKeys.push(catalogKey);
    const first = createChangeHistory({
      redis: connection(),
      catalogKey,
      retention: GENEROUS,
    });
    await first.record(update('s1', 0, ['ADDED:a/a']), new Map(), T0);

    const second = createChangeHistory({
      redis: connection(),
      catalogKey,
      retention: GENEROUS,
    });
    const page = await second.page({ first: 5 });
    expect(page.nodes.map((change) => change.modelId)).toEqual(['a/a']);
  });

  it('sets aside what it did not write, reports each record once, and goes on reading and recording without it', async () => {
    const catalogKey = `test-history|${randomUUID()}`;
    catalogKeys.push(catalogKey);
    const setAside: string[] = [];
    const history = createChangeHistory({
      redis: connection(),
      catalogKey,
      retention: GENEROUS,
      onSetAside: (record, reason) => setAside.push(`${record}: ${reason}`),
    });
    await history.record(update('s1', 0, ['ADDED:a/a']), new Map(), T0);
    await history.record(update('s2', 1, ['ADDED:b/b', 'ADDED:c/c']), new Map(), T0);
    const redis = new Redis(REDIS_URL);
    const prefix = historyKeyPrefix(catalogKey);

    await redis.lset(`${prefix}changes:s2`, 0, JSON.stringify({ kind: 'EXPLODED', modelId: 'b/b', fields: [] }));
    const page = await history.page({ first: 5 });
    expect(page.nodes.map((change) => change.modelId)).toEqual(['a/a', 'c/c']);
    await history.page({ first: 5 });
    expect(setAside).toEqual([expect.stringMatching(/^change s2#0: malformed \(kind: /)]);

    await redis.hset(`${prefix}summary`, 's1', '{"id": "s1", "size": -1');
    await redis.hset(`${prefix}meta`, 'feed', 'garbage');
    expect((await history.snapshots(5)).map((summary) => summary.id)).toEqual(['s2']);
    expect((await history.page({ first: 5 })).nodes.map((change) => change.modelId)).toEqual(['c/c']);
    expect(setAside.slice(1)).toEqual(['summary s1: not JSON', 'meta feed: not JSON']);
    expect(await redis.hget(`${prefix}set-aside`, 'summary s1')).toBe('{"id": "s1", "size": -1');

    await redis.del(`${prefix}snapshots`);
    await redis.set(`${prefix}snapshots`, 'not a sorted set');
    expect(await history.snapshots(5)).toEqual([]);
    expect(setAside.at(-1)).toMatch(/^snapshots: not the type the history keeps there/);
    await history.record(update('s3', 2, ['ADDED:d/d']), new Map(), T0);
    expect((await history.snapshots(5)).map((summary) => summary.id)).toEqual(['s3']);
    await redis.quit();
  });
});
