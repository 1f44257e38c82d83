import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient, HubProtocolError, RouterClient } from '../../src/hub/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom } from '../support/fetch.ts';
import { startHostileUpstream, type RunningServer } from '../support/hostile-upstream.ts';

/** A valid listing page of `bytes` or so: models with long tag lists, as a compromised upstream might pad them. */
function bigPage(bytes: number): string {
  const tags = Array.from({ length: 200 }, (_, i) => `tag-${i}-${'x'.repeat(20)}`);
  const item = (i: number) => JSON.stringify({ id: `owner/model-${i}`, tags });
  const items: string[] = [];
  for (let size = 2, i = 0; size < bytes; i++) {
    items.push(item(i));
    size += items.at(-1)!.length + 1;
  }
  return `[${items.join(',')}]`;
}

/** Serves `body` at every path; `chunked` leaves out Content-Length, so only reading can tell the size. */
async function serveBody(body: string, chunked: boolean): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      ...(chunked ? {} : { 'content-length': Buffer.byteLength(body) }),
    });
    if (!chunked) return void response.end(body);
    // Written in pieces, so that the client can stop reading long before the end.
    let offset = 0;
    const next = () => {
      if (offset >= body.length || response.destroyed) return void response.end();
      response.write(body.slice(offset, (offset += 65_536)), () => setImmediate(next));
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('an upstream page past HUBCAT_UPSTREAM_MAX_BYTES', () => {
  const page = bigPage(5 * 1024 * 1024);
  it.each([
    ['with a Content-Length', false],
    ['sent chunked', true],
  ])('is refused as malformed, %s, before it is read whole', async (_how, chunked) => {
    const { url, server } = await serveBody(page, chunked);
    try {
      const client = new HubClient({ endpoint: url, maxBodyBytes: 256 * 1024, maxRetries: 0 });
      const error = await client.fetchPage(`${url}/api/models`, 0).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HubProtocolError);
      expect((error as HubProtocolError).summary).toBe(
        'malformed page: the body is larger than 262144 bytes (HUBCAT_UPSTREAM_MAX_BYTES)',
      );
      const router = new RouterClient({ endpoint: url, maxBodyBytes: 256 * 1024, maxRetries: 0 });
      await expect(router.listModels()).rejects.toThrow(/larger than 262144 bytes/);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});

describe('an upstream that repeats a model', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let proxy: RunningServer;
  const firstOfListing = new Map<string, unknown>();
  beforeAll(async () => {
    proxy = await startHostileUpstream(emulator.url, {
      kind: 'items',
      items: (requested, items) => {
        const listing = requested.searchParams.get('sort') ?? '';
        if (!requested.searchParams.has('cursor')) {
          firstOfListing.set(listing, items[0]);
          return items;
        }
        // The second page starts with the first model of the first page again.
        return [firstOfListing.get(listing), ...items.slice(1)];
      },
    });
  });
  afterAll(() => proxy.close());

  it('on a createdAt cursor, is a protocol fault: the capture fails, the report names it, nothing is proven', async () => {
    const snapshot = await fetchFrom(proxy.url, { strategy: 'auto', sorts: ['createdAt', 'likes'], pageSize: 20 });
    expect(snapshot.report.complete).toBe(false);
    expect(snapshot.report.sorts.map((sort) => [sort.sort, sort.exhausted, sort.errorPage])).toEqual([
      ['createdAt', false, 2],
      ['likes', true, null],
    ]);
    expect(snapshot.report.errors).toEqual([
      'createdAt: HubProtocolError on page 2: malformed page: item 0 repeats a model an earlier page of this ' +
        'listing returned, which a cursor over createdAt cannot do',
    ]);
  });

  it('on a likes cursor, counts as a key that moved: nothing is proven from that sort', async () => {
    const snapshot = await fetchFrom(proxy.url, { strategy: 'multi-sort', sorts: ['likes'], pageSize: 20 });
    expect(snapshot.report.errors).toEqual([]);
    expect(snapshot.report.complete).toBe(false);
    expect(snapshot.report.completeness.uncoveredRisk).toEqual([
      'sort likes returned 1 models twice: its keys moved across the cursor',
    ]);
  });

  it('within one page, whatever the sort, is a malformed page', async () => {
    const { url, server } = await serveBody(JSON.stringify([{ id: 'a/b' }, { id: 'c/d' }, { id: 'a/b' }]), false);
    try {
      const error = await new HubClient({ endpoint: url, maxRetries: 0 })
        .fetchPage(`${url}/api/models`, 0)
        .catch((e: unknown) => e);
      expect((error as HubProtocolError).summary).toBe('malformed page: item 2 repeats the id of item 0');
    } finally {
      server.close();
    }
  });
});

describe('an id longer than the Hub allows', () => {
  it.each([
    ['a 10 KB id', `owner/${'x'.repeat(10_000)}`],
    ['a name of 97 characters', `owner/${'n'.repeat(97)}`],
    ['an owner of 97 characters', `${'o'.repeat(97)}/name`],
  ])('%s makes the page malformed', async (_what, id) => {
    const { url, server } = await serveBody(JSON.stringify([{ id: 'a/b' }, { id }]), false);
    try {
      const error = await new HubClient({ endpoint: url, maxRetries: 0 })
        .fetchPage(`${url}/api/models`, 0)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubProtocolError);
      expect((error as HubProtocolError).summary).toMatch(/^malformed page: item 1 is invalid: id: /);
      expect((error as HubProtocolError).summary).not.toContain('xxxxxxxxxx');
    } finally {
      server.close();
    }
  });

  it('of 96 characters in its name is the Hub’s own limit, and is kept', async () => {
    const id = `owner/${'n'.repeat(96)}`;
    const { url, server } = await serveBody(JSON.stringify([{ id }]), false);
    try {
      const page = await new HubClient({ endpoint: url, maxRetries: 0 }).fetchPage(`${url}/api/models`, 0);
      expect(page.items.map((item) => item.id)).toEqual([id]);
    } finally {
      server.close();
    }
  });
});
