import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import type { CacheEvent } from '../../src/store/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, manualClock } from '../support/graphql.ts';

const PAGE = '{ models(first: 3, filter: { minLikes: 5 }) { totalCount pageInfo { endCursor } nodes { id } } }';

async function post(app: App, query: string, headers: Record<string, string> = {}) {
  const response = await app.yoga.fetch('http://hubcat/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

const snapshotOfCursor = (cursor: string) =>
  (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string }).s;

describe('the response cache', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  const clock = manualClock();
  const events: CacheEvent[] = [];
  let app: App;
  beforeAll(() => {
    app = appFor(emulator.url, {}, { now: clock.now, onCacheEvent: (event) => events.push(event) });
  });
  afterAll(() => app.close());

  it('answers a repeated query with the same page and an ETag a client can revalidate with (304)', async () => {
    const first = await post(app, PAGE);
    const again = await post(app, PAGE);
    const thrice = await post(app, PAGE);
    const executed = await post(app, PAGE, { 'cache-control': 'no-cache' });
    expect(again.body).toEqual(first.body);
    expect(thrice.body).toEqual(executed.body);
    expect(again.etag).toBeTruthy();
    expect((await post(app, PAGE, { 'if-none-match': again.etag! })).status).toBe(304);
  });

  it('never serves a page of an older snapshot: a refresh empties it, and old ETags no longer revalidate', async () => {
    const before = await post(app, PAGE);
    const oldCursor = (before.body as { data: { models: { pageInfo: { endCursor: string } } } }).data.models.pageInfo
      .endCursor;
    await app.catalog.refresh();
    const current = app.catalog.served()!.id;
    expect(snapshotOfCursor(oldCursor)).not.toBe(current);
    const after = await post(app, PAGE);
    const newCursor = (after.body as { data: { models: { pageInfo: { endCursor: string } } } }).data.models.pageInfo
      .endCursor;
    expect(snapshotOfCursor(newCursor)).toBe(current);
    expect((await post(app, PAGE, { 'if-none-match': before.etag! })).status).toBe(200);
  });

  it('never caches the catalog status, which changes without a new snapshot', async () => {
    const status = '{ catalog { ageSeconds stale } }';
    const age = (response: { body: unknown }) =>
      (response.body as { data: { catalog: { ageSeconds: number } } }).data.catalog.ageSeconds;
    const first = await post(app, status);
    clock.advance(61_000);
    expect(age(await post(app, status))).toBe(age(first) + 61);
    // Revalidating gets the status as it is now, never a 304 for an old one.
    clock.advance(1_000);
    const revalidated = await post(app, status, { 'if-none-match': first.etag ?? '' });
    expect(revalidated.status).toBe(200);
    expect(age(revalidated)).toBe(age(first) + 62);
  });

  it('still starts the background refresh of a stale snapshot when the answer comes from the cache', async () => {
    await post(app, PAGE);
    await post(app, PAGE);
    events.length = 0;
    clock.advance(3601_000);
    await post(app, PAGE);
    expect(events).toContainEqual({ type: 'fetch-started', reason: 'stale' });
    await app.catalog.settled();
  });

  it('never stores an answer with errors: the next request is executed again', async () => {
    const refused = '{ models(first: 0) { nodes { id } } }';
    const first = await post(app, refused);
    expect((first.body as { errors?: unknown[] }).errors).toHaveLength(1);
    expect(first.etag).toBeNull();
    expect((await post(app, refused)).etag).toBeNull();
  });

  it('executes afresh, storing nothing, for a client that sends Cache-Control: no-cache', async () => {
    const fresh = await post(app, PAGE, { 'cache-control': 'no-cache' });
    expect(fresh.status).toBe(200);
    expect(fresh.etag).toBeNull();
  });
});

describe('with HUBCAT_RESPONSE_CACHE=false', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let app: App;
  beforeAll(() => {
    app = appFor(emulator.url, { responseCache: 'false' });
  });
  afterAll(() => app.close());

  it('executes every query: no ETag, no revalidation', async () => {
    const first = await post(app, PAGE);
    const again = await post(app, PAGE);
    expect(again.body).toEqual(first.body);
    expect(again.etag).toBeNull();
  });
});

describe('with HUBCAT_RESPONSE_CACHE_BYTES', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let app: App;
  beforeAll(() => {
    app = appFor(emulator.url, {}, {}, { HUBCAT_RESPONSE_CACHE_BYTES: '4000' });
  });
  afterAll(() => app.close());
  const page = (minLikes: number) => `{ models(first: 2, filter: { minLikes: ${minLikes} }) { nodes { id } } }`;
  const revalidates = async (query: string, etag: string) =>
    (await post(app, query, { 'if-none-match': etag })).status === 304;

  it('holds at most that much JSON: older responses go first, newer ones stay', async () => {
    await post(app, '{ catalog { size } }'); // the first snapshot, which responses are cached under
    const oldest = await post(app, page(0));
    expect(await revalidates(page(0), oldest.etag!)).toBe(true);
    const answers = [];
    for (let minLikes = 1; minLikes <= 60; minLikes++) answers.push(await post(app, page(minLikes)));
    const size = JSON.stringify(answers[0]!.body).length;
    // 4,000 bytes hold about 4000 / size responses; 60 of them do not fit, so the first has gone.
    expect(60 * size).toBeGreaterThan(4000);
    expect(await revalidates(page(0), oldest.etag!)).toBe(false);
    expect(await revalidates(page(60), answers.at(-1)!.etag!)).toBe(true);
  });

  it('keeps no response over a sixteenth of it', async () => {
    const large = '{ models(first: 20) { nodes { id author pipelineTag libraryName tags } } }';
    const first = await post(app, large);
    expect(JSON.stringify(first.body).length).toBeGreaterThan(4000 / 16);
    expect(first.etag === null || !(await revalidates(large, first.etag))).toBe(true);
  });
});
