import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy that asks its upstream for at most `cap` items per query, whatever the client's `limit`: an upstream that
 * caps below the page size, which the emulator alone cannot play.
 */
export async function startCappingProxy(
  upstream: string,
  cap: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(upstream);
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', target);
    const limit = Number(url.searchParams.get('limit') ?? cap);
    url.searchParams.set('limit', String(Math.min(limit, cap)));
    const forwarded = request(
      url,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
