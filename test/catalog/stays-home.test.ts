import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailedError, type FetchPlan } from '../../src/catalog/index.ts';
import { HubClient, HubHttpError, HubProtocolError } from '../../src/hub/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom, PROVIDER } from '../support/fetch.ts';
import { appFor, execute } from '../support/graphql.ts';
import { collect, rejection } from '../hub/helpers.ts';
import {
  startForeignHost,
  startHostileUpstream,
  type Hostility,
  type RunningServer,
} from '../support/hostile-upstream.ts';

/** The false proof: one sort, createdAt, whose cursor alone would have proven the catalog complete. */
const CREATED_AT_ONLY: Partial<FetchPlan> = { strategy: 'auto', sorts: ['createdAt'] };
const CREATED_AT_ONLY_FLAGS = { strategy: 'auto', sorts: 'createdAt' };

/** Everything an API client can read about a fetch, failed or not. */
const EVERYTHING_VISIBLE = `{
  catalog { size lastError }
  fetchReport { complete errors sorts { error } completeness { proven method uncoveredRisk } }
}`;

describe('the crawler stays on the upstream it was given', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  let foreign: RunningServer;
  let hostile: RunningServer | null = null;
  beforeAll(async () => {
    foreign = await startForeignHost();
  });
  afterEach(async () => {
    await hostile?.close();
    hostile = null;
  });
  afterAll(() => foreign.close());

  const upstream = async (hostility: Hostility): Promise<string> => {
    hostile = await startHostileUpstream(emulator.url, hostility);
    return hostile.url;
  };

  it('follows a Link to its own listing, absolute or relative, to the end (the proxy is honest until told not to)', async () => {
    const absolute = await fetchFrom(await upstream({ kind: 'link', to: (next) => next.href }), CREATED_AT_ONLY);
    await hostile?.close();
    const relative = await fetchFrom(
      await upstream({ kind: 'link', to: (next) => `${next.pathname}${next.search}` }),
      CREATED_AT_ONLY,
    );

    for (const { report } of [absolute, relative]) {
      expect(report.uniqueModels).toBe(emulator.servedIds(PROVIDER).length);
      expect(report.complete).toBe(true);
    }
  });

  it.each<[string, (next: URL) => string, RegExp]>([
    [
      'another host',
      (next) => `${foreign.url}${next.pathname}${next.search}`,
      /another origin \(http:\/\/127\.0\.0\.1:\d+\)/,
    ],
    ['a data: URL', () => 'data:application/json,[]', /a data: URL/],
    ['a file: URL', () => 'file:///etc/passwd', /a file: URL/],
    ['another path of its own origin', (next) => `${next.origin}/api/datasets${next.search}`, /another path/],
  ])('never requests a Link to %s, and proves nothing from it', async (_, to, where) => {
    const endpoint = await upstream({ kind: 'link', to });
    const client = new HubClient({ endpoint });
    const error = await rejection(collect(client.listModels({ inferenceProvider: PROVIDER, sort: 'createdAt' })));
    const failure = await fetchFrom(endpoint, CREATED_AT_ONLY).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(HubProtocolError);
    expect((error as HubProtocolError).pageIndex).toBe(0);
    expect((error as HubProtocolError).reason).toMatch(where);
    expect(failure).toBeInstanceOf(FetchFailedError);
    expect((failure as FetchFailedError).report.complete).toBe(false);
    expect((failure as FetchFailedError).report.errors).toEqual([
      expect.stringMatching(/^createdAt: HubProtocolError on page 1: malformed page: Link rel="next" leads to/),
    ]);
    expect(foreign.requests).toEqual([]);
  });

  it('never follows a redirect, to another host or its own', async () => {
    for (const location of [
      (requested: URL) => `${foreign.url}${requested.pathname}${requested.search}`,
      (requested: URL) => `${requested.pathname}${requested.search}&again=1`,
    ]) {
      const endpoint = await upstream({ kind: 'redirect', status: 302, location });
      const error = await rejection(new HubClient({ endpoint }).fetchPage(`${endpoint}/api/models?limit=1`, 0));
      const failure = await fetchFrom(endpoint, CREATED_AT_ONLY).catch((caught: unknown) => caught);
      const requestsToTheProxy = hostile!.requests.length;
      await hostile?.close();

      expect(error).toBeInstanceOf(HubHttpError);
      expect((error as HubHttpError).summary).toBe('HTTP 302 Found after 1 attempt: a redirect, not followed');
      expect((failure as FetchFailedError).report.complete).toBe(false);
      expect(requestsToTheProxy).toBe(2);
    }
    expect(foreign.requests).toEqual([]);
  });

  it('serves no false proof through the API: no catalog, a short reason, nothing from the foreign host', async () => {
    const app = appFor(
      await upstream({ kind: 'link', to: (next) => `${foreign.url}${next.pathname}${next.search}` }),
      CREATED_AT_ONLY_FLAGS,
    );
    const status = await execute(app, '{ catalog { size lastError } }');
    const models = await execute(app, '{ models { totalCount } }');
    const everything = await execute(app, EVERYTHING_VISIBLE);
    await app.close();

    expect(status.data).toMatchObject({ catalog: { size: 0, lastError: expect.stringMatching(/another origin/) } });
    expect(models.errors?.[0]?.extensions?.code).toBe('CATALOG_UNAVAILABLE');
    expect(JSON.stringify(everything)).not.toMatch(/"complete":true|"proven":true|cursor=|\/api\/models/);
    expect(foreign.requests).toEqual([]);
  });
});

describe("the upstream's words never reach API clients", () => {
  const emulator = useEmulator({ preset: 'tiny' });
  const MARKER = 'INTERNAL-ONLY-7f3a';

  it.each<[string, Hostility, RegExp]>([
    [
      'an error body',
      {
        kind: 'body',
        status: 404,
        body: JSON.stringify({ error: `${MARKER} at http://10.0.0.5/admin` }),
        contentType: 'application/json',
      },
      /HubHttpError on page 1: HTTP 404 Not Found after 1 attempt$/,
    ],
    [
      'a page that is not JSON',
      { kind: 'body', status: 200, body: `<html>${MARKER}</html>`, contentType: 'text/html' },
      /HubProtocolError on page 1: malformed page: body is not JSON$/,
    ],
    [
      'an invalid item',
      {
        kind: 'body',
        status: 200,
        body: JSON.stringify([{ id: MARKER, likes: MARKER }]),
        contentType: 'application/json',
      },
      /HubProtocolError on page 1: malformed page: item 0 is invalid: likes: .*$/,
    ],
    [
      'a malformed Link header',
      { kind: 'link', to: () => `${MARKER}> rel=next; <` },
      /HubProtocolError on page 1: malformed page: bad Link header: expected .* of the Link header$/,
    ],
  ])('reports %s with a short reason of its own', async (_, hostility, reason) => {
    const hostile = await startHostileUpstream(emulator.url, hostility);
    const app = appFor(hostile.url, { sorts: 'likes', pageSize: '10' }); // small pages, so the first has a Link
    const everything = await execute(app, EVERYTHING_VISIBLE);
    const models = await execute(app, '{ models { totalCount } }');
    await app.close();
    await hostile.close();

    const shown = JSON.stringify([everything, models]);
    expect(shown).not.toContain(MARKER);
    expect(shown).not.toMatch(/https?:\/\/|\/api\/models/);
    expect((everything.data as { catalog: { lastError: string } }).catalog.lastError).toMatch(reason);
    expect(models.errors?.[0]?.message.length).toBeLessThan(300);
  });
});
