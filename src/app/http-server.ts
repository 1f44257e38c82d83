import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveDashboard } from '../web/index.ts';
import type { App } from './create-app.ts';
import { BASELINE_HEADERS } from './http-security.ts';
import { idleCollector } from './idle-collector.ts';

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting, lets requests in flight finish (for at most `graceMs`, default 30 s, after which their
   * connections are closed), then closes the app.
   */
  close(graceMs?: number): Promise<void>;
}

/** How long requests in flight may finish when the caller gives no grace period. */
const DEFAULT_GRACE_MS = 30_000;
/** The HTTP step's deadline beyond the grace: cutting the connections left and closing takes a moment. */
const CLOSE_MARGIN_MS = 1000;

/**
 * Serves the app's Yoga instance over HTTP, and registers the server's close as the app's last-built part. Without a
 * host it listens on every interface, as servers do, so `localhost` works over IPv4 and IPv6 alike.
 */
export async function listen(
  app: App,
  port: number,
  host?: string,
  options: { dashboardDir?: URL } = {},
): Promise<RunningServer> {
  const handle = serveDashboard((req, res) => void app.yoga(req, res), { dir: options.dashboardDir });
  const server: Server = createServer((request, response) => {
    for (const [name, value] of Object.entries(BASELINE_HEADERS)) response.setHeader(name, value);
    handle(request, response);
  });
  const closeServer = orderlyClose(server);
  // A server gone quiet after a burst gives the burst's memory back (see idle-collector.ts).
  const idle = idleCollector();
  server.on('request', () => idle.activity());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  // Built last, so stopped first: no new requests while the parts they would use are closing.
  let graceMs = DEFAULT_GRACE_MS;
  app.lifecycle.onClose(
    'http server',
    async () => {
      // Subscriptions never end by themselves; completing them lets their connections close like any other.
      app.live.channel.endSubscriptions();
      idle.stop();
      await closeServer(graceMs);
    },
    () => graceMs + CLOSE_MARGIN_MS,
  );
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${address.port}`,
    port: address.port,
    close: async (grace) => {
      if (grace !== undefined) graceMs = grace;
      await app.close();
    },
  };
}

/**
 * How the server stops: no new connections; idle keep-alive connections close now, busy ones as soon as their response
 * is sent (not after the keep-alive timeout); whatever is still open when the grace period ends is cut.
 */
function orderlyClose(server: Server): (graceMs: number) => Promise<void> {
  let closing = false;
  server.on('request', (_request: IncomingMessage, response: ServerResponse) =>
    response.once('finish', () => closing && setImmediate(() => server.closeIdleConnections())),
  );
  return async (graceMs) => {
    closing = true;
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(deadline);
  };
}
