import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** An upstream that accepts connections and never answers: a Hub stalled behind a load balancer. */
export async function startHungUpstream(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // Dropping the held connections ends the stall: the client sees a network error and gives up quickly.
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
