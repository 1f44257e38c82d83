import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServeProcess } from '../support/cli.ts';

/** An upstream that accepts every request and never answers it. */
async function startHungUpstream(): Promise<{ url: string; firstRequest: Promise<void>; close: () => Promise<void> }> {
  const held: ServerResponse[] = [];
  let arrived: () => void = () => {};
  const firstRequest = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((_request, response) => {
    held.push(response);
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    firstRequest,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * POSTs a query on a connection of its own that closes after the answer: how long a server keeps idle keep-alive
 * connections open at shutdown is the shutdown's business, not the abort's that this spec is about.
 */
function postOnce(url: string, query: string): Promise<{ errors?: { extensions?: { code?: string } }[] }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
    });
    outgoing.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }));
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify({ query }));
  });
}

// The Hub client's own timeout (30 s by default, then retries) is what a shutdown would otherwise wait out.
const PROMPTLY_MS = 3000;

describe('hubcat serve stopped during a hung fetch', () => {
  it('exits promptly after SIGTERM while warming, instead of waiting out the upstream', async () => {
    const upstream = await startHungUpstream();
    try {
      const server = await startServeProcess(['--warm'], { HF_ENDPOINT: upstream.url });
      await upstream.firstRequest;
      const signalled = Date.now();
      server.stop();

      expect(await server.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(PROMPTLY_MS);
    } finally {
      await upstream.close();
    }
  }, 30_000);

  it('answers the query that was waiting for the catalog, then exits promptly', async () => {
    const upstream = await startHungUpstream();
    try {
      const server = await startServeProcess([], { HF_ENDPOINT: upstream.url });
      const waiting = postOnce(server.url, '{ models { totalCount } }');
      await upstream.firstRequest;
      const signalled = Date.now();
      server.stop();

      expect((await waiting).errors?.[0]?.extensions?.code).toBe('CATALOG_UNAVAILABLE');
      expect(await server.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(PROMPTLY_MS);
    } finally {
      await upstream.close();
    }
  }, 30_000);
});
