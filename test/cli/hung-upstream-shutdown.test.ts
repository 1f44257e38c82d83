import { createServer, type ServerResponse } from 'node:http';
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
});
