import { describe, expect, it } from 'vitest';
import type { EvolveSpec } from '../../src/emulator/index.ts';
import { ChangesDocument, SnapshotsDocument } from '../../schema/generated/graphql.ts';
import { appFor, execute, manualClock, manualTimer, query } from '../support/graphql.ts';
import { comparable, expectedChanges, readFeed, useFreshEmulators } from '../support/live.ts';

/**
 * The acceptance scenario: 7 added; 5 removed (one by its mapping going live → error); a gated flip, a
 * pipelineTag change and a new commit; and download and like counts moving everywhere, which are not changes.
 */
const ACCEPTANCE: EvolveSpec = {
  added: 7,
  removed: [{ how: 'status-error' }, { how: 'delete' }, { how: 'unmap' }, { how: 'delete' }, { how: 'delete' }],
  updated: [{ field: 'gated' }, { field: 'pipeline_tag' }, { field: 'lastModified' }],
  drift: true,
};
const HOUR_MS = 3_600_000;

describe('a living catalog: scheduled refresh and the change feed', () => {
  const startEmulator = useFreshEmulators();

  it('after the next scheduled refresh, reports exactly what the upstream changed, and nothing else', async () => {
    const emulator = await startEmulator();
    const clock = manualClock();
    const schedule = manualTimer();
    const app = appFor(emulator.url, { ttlSeconds: '3600' }, { now: clock.now, timer: schedule.timer });
    const [before, servedBefore] = [emulator.models, emulator.servedIds()];

    await schedule.fire(); // no query has been made: the schedule alone fetches the baseline
    const truth = emulator.evolve(ACCEPTANCE);
    expect(truth.drifted).toBeGreaterThan(1000);
    clock.advance(schedule.delays.at(-1)!);
    emulator.resetLog();
    await schedule.fire();
    await app.live.updates.settled();
    const feed = await readFeed(app);
    const snapshots = (await query(app, SnapshotsDocument, {})).snapshots!;
    await app.close();

    const expected = expectedChanges(before, emulator.models, servedBefore, emulator.servedIds());
    expect(feed.changes.map(comparable)).toEqual(expected);
    expect(feed.totalCount).toBe(15);
    expect(feed.pages).toBe(4); // 15 changes, 4 per page
    expect(new Set(feed.changes.map((change) => change.snapshotId))).toEqual(new Set([snapshots[0]!.id]));
    // The ground truth the emulator reports, in its own terms: the same ids, the same kinds.
    const kinds = Object.fromEntries(feed.changes.map((change) => [change.modelId, change.kind]));
    expect(kinds).toEqual(
      Object.fromEntries([
        ...truth.added.map(({ id }) => [id, 'ADDED']),
        ...truth.removed.map(({ id }) => [id, 'REMOVED']),
        ...truth.updated.map(({ id }) => [id, 'UPDATED']),
      ]),
    );
    const statusError = truth.removed.find((removal) => removal.how === 'status-error')!;
    expect(feed.changes.find((change) => change.modelId === statusError.id)?.fields).toContainEqual({
      field: 'providers.hf-inference.status',
      before: 'live',
      after: null,
    });
    expect(
      snapshots.map(({ added, removed, updated, unconfirmed, baseline, complete }) => ({
        added,
        removed,
        updated,
        unconfirmed,
        baseline,
        complete,
      })),
    ).toEqual([
      { added: 7, removed: 5, updated: 3, unconfirmed: 0, baseline: false, complete: true },
      { added: 0, removed: 0, updated: 0, unconfirmed: 0, baseline: true, complete: true },
    ]);
    expect(snapshots[0]).toMatchObject({ size: 1377 + 7 - 5, previousId: snapshots[1]!.id });
  });

  it('resolves model against the served snapshot: the new model for ADDED, null for REMOVED', async () => {
    const emulator = await startEmulator();
    const app = appFor(emulator.url);
    await app.catalog.refresh();
    const truth = emulator.evolve({ added: 1, removed: 1, updated: [{ field: 'pipeline_tag' }] });
    await app.catalog.refresh();
    await app.live.updates.settled();
    const { changes } = await readFeed(app);
    await app.close();

    const byKind = Object.fromEntries(changes.map((change) => [change.kind, change]));
    expect(byKind.ADDED?.model?.id).toBe(truth.added[0]!.id);
    expect(byKind.REMOVED?.model).toBeNull();
    expect(byKind.UPDATED?.model?.pipelineTag).toBe(
      truth.updated[0]!.fields.find((f) => f.field === 'pipeline_tag')?.after,
    );
  });

  it('makes the first snapshot a baseline, and records a refresh that changed nothing as a summary only', async () => {
    const emulator = await startEmulator();
    const app = appFor(emulator.url);
    await app.catalog.refresh();
    await app.catalog.refresh();
    await app.live.updates.settled();
    const feed = await readFeed(app);
    const snapshots = (await query(app, SnapshotsDocument, {})).snapshots!;
    await app.close();

    expect(feed.changes).toEqual([]);
    expect(
      snapshots.map((snapshot) => [snapshot.baseline, snapshot.added + snapshot.removed + snapshot.updated]),
    ).toEqual([
      [false, 0],
      [true, 0],
    ]);
  });

  it('answers the feed after the first snapshot is recorded, as models waits for it, not empty before it', async () => {
    const emulator = await startEmulator();
    const app = appFor(emulator.url);
    // Nothing has fetched yet: the feed's first reader waits for the baseline, as a first `models` query would.
    const { snapshots } = await query(app, SnapshotsDocument, {});
    await app.close();

    expect(snapshots!.map(({ baseline, size }) => ({ baseline, size }))).toEqual([{ baseline: true, size: 1377 }]);
  });

  it('from an incomplete refresh (request budget cut short), reports no REMOVED and counts the missing as unconfirmed', async () => {
    const emulator = await startEmulator();
    // Two sorts of 200-model pages, 6 requests: about 600 of each sort's listing, never the whole catalog.
    const app = appFor(emulator.url, { pageSize: '200', maxRequests: '6' });
    await app.catalog.refresh();
    const seen = (await app.catalog.snapshot()).models.ids;
    const gone = [seen[0]!, seen[1]!, seen[2]!, seen[3]!, seen[4]!];
    emulator.evolve({ added: 3, removed: gone.map((id) => ({ id, how: 'delete' as const })) });
    await app.catalog.refresh();
    await app.live.updates.settled();
    const feed = await readFeed(app);
    const snapshots = (await query(app, SnapshotsDocument, {})).snapshots!;
    await app.close();

    expect(snapshots[0]).toMatchObject({ complete: false, baseline: false, removed: 0 });
    expect(snapshots[0]!.unconfirmed).toBeGreaterThanOrEqual(gone.length);
    expect(feed.changes.filter((change) => change.kind === 'REMOVED')).toEqual([]);
    expect(feed.changes.map((change) => change.modelId)).not.toEqual(expect.arrayContaining([gone[0]]));
  });

  it('schedules refreshes one interval ±10 % apart, backs off 30 s, 60 s after failures, and keeps going', async () => {
    const emulator = await startEmulator();
    const clock = manualClock();
    const schedule = manualTimer();
    const app = appFor(
      emulator.url,
      { ttlSeconds: '3600', refreshIntervalSeconds: '600' },
      { now: clock.now, timer: schedule.timer },
    );
    const listings = () => emulator.requests.filter((request) => request.path === '/api/models').length;
    await schedule.fire();
    const afterSuccess = schedule.delays.at(-1)!;

    emulator.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    clock.advance(afterSuccess);
    await schedule.fire();
    const afterFailure = schedule.delays.at(-1)!;
    clock.advance(afterFailure);
    await schedule.fire();
    const afterSecondFailure = schedule.delays.at(-1)!;
    emulator.setFaults([]);
    clock.advance(afterSecondFailure);
    emulator.resetLog();
    await schedule.fire();
    const status = await query(app, '{ catalog { lastError stale refreshIntervalSeconds nextRefreshAt } }');
    const stillScheduled = schedule.pending();
    await app.close();

    expect(schedule.delays[0]).toBeGreaterThanOrEqual(540_000); // the first, scheduled at start
    expect(schedule.delays[0]).toBeLessThanOrEqual(660_000);
    expect(afterSuccess).toBeGreaterThanOrEqual(540_000);
    expect(afterSuccess).toBeLessThanOrEqual(660_000);
    expect([afterFailure, afterSecondFailure]).toEqual([30_000, 60_000]);
    expect(listings()).toBe(4); // the refresh after recovery crawled: 2 sorts × 2 pages
    expect(status).toEqual({
      catalog: {
        lastError: null,
        stale: false,
        refreshIntervalSeconds: 600,
        nextRefreshAt: new Date(clock.now() + schedule.delays.at(-1)!).toISOString(),
      },
    });
    expect(stillScheduled).toBe(true);
  });

  it('never runs two refreshes of one catalog at once: a scheduled refresh joins the one running', async () => {
    const emulator = await startEmulator({ latencyMs: 50 });
    const schedule = manualTimer();
    const app = appFor(emulator.url, {}, { timer: schedule.timer });
    await app.catalog.refresh();
    emulator.resetLog();

    await Promise.all([app.catalog.refresh(), schedule.fire(), app.catalog.refresh()]);
    await app.close();

    expect(emulator.requests.filter((request) => request.path === '/api/models')).toHaveLength(4);
  });

  it('refuses a bad since or cursor with a coded error naming the argument', async () => {
    const emulator = await startEmulator();
    const app = appFor(emulator.url);
    const errorOf = async (document: string, variables?: Record<string, unknown>) =>
      (await execute(app, document, variables)).errors?.[0];
    const changes =
      'query($since: DateTime, $after: String, $first: Int) { changes(since: $since, after: $after, first: $first) { totalCount } }';

    const badSinceVariable = await errorOf(changes, { since: 'yesterday' });
    const badSinceLiteral = await errorOf('{ changes(since: "2026-02-30T25:00:00Z") { totalCount } }');
    const dateOnly = await errorOf(changes, { since: '2026-03-01' });
    const badCursor = await errorOf(changes, { after: 'bm90LWEtY3Vyc29y' });
    const tooMany = await errorOf(changes, { first: 501 });
    await app.close();

    expect(badSinceVariable?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(badSinceLiteral?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(dateOnly?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(dateOnly?.message).toMatch(/\$since.*must be an ISO-8601 instant/);
    expect(badCursor).toMatchObject({ extensions: { code: 'INVALID_CURSOR', argument: 'after' } });
    expect(tooMany).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  });

  it('pages with since (exclusive) and kinds across several snapshots, and resumes from a cursor', async () => {
    const emulator = await startEmulator();
    const clock = manualClock();
    const app = appFor(emulator.url, {}, { now: clock.now });
    await app.catalog.refresh();
    clock.advance(HOUR_MS);
    emulator.evolve({ added: 2, removed: 1 });
    await app.catalog.refresh();
    await app.live.updates.settled();
    const first = await readFeed(app);
    const endOfFirst = (await query(app, ChangesDocument, { first: 3 })).changes!.pageInfo.endCursor;
    clock.advance(HOUR_MS);
    emulator.evolve({ added: 1, updated: [{ field: 'gated' }] });
    await app.catalog.refresh();
    await app.live.updates.settled();
    const all = await readFeed(app);
    const sinceFirst = await readFeed(app, { since: first.changes[0]!.detectedAt });
    const addedOnly = await readFeed(app, { kinds: ['ADDED'] });
    const resumed = await query(app, ChangesDocument, { after: endOfFirst });
    await app.close();

    expect(first.changes).toHaveLength(3);
    expect(all.changes).toHaveLength(5);
    expect(all.changes.slice(0, 3)).toEqual(first.changes);
    const order = all.changes.map((change) => `${change.detectedAt} ${change.modelId}`);
    expect(order).toEqual([...order].sort());
    expect(sinceFirst.changes).toEqual(all.changes.slice(3));
    expect(addedOnly.changes.map((change) => change.modelId)).toEqual(
      all.changes.filter((change) => change.kind === 'ADDED').map((change) => change.modelId),
    );
    expect(addedOnly.totalCount).toBe(3);
    expect(resumed.changes!.nodes).toEqual(all.changes.slice(3));
  });
});
