import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from './create-app.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the app's Yoga instance over HTTP; `close` stops accepting, lets requests finish, then closes the app. */
/** Without a host it listens on every interface, as servers do, so `localhost` works over IPv4 and IPv6 alike. */
export async function listen(app: App, port: number, host?: string): Promise<RunningServer> {
  const server: Server = createServer((req, res) => void app.yoga(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${address.port}`,
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await app.close();
    },
  };
}
