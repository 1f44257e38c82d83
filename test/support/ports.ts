import { connect, createServer, type Server } from 'node:net';

/** True while something accepts TCP connections on 127.0.0.1:`port`. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Milliseconds until nothing listens on `port` any more, polling every 50 ms; rejects after `timeoutMs`. */
export async function msUntilClosed(port: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (!(await isListening(port))) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} still accepts connections after ${timeoutMs} ms`);
}

/** A port nothing listens on (the OS handed it out, then it was released): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = await occupiedPort();
  const { port } = server;
  await new Promise((resolve) => server.server.close(resolve));
  return port;
}

/** Holds an ephemeral port on 127.0.0.1, as another program would. */
export async function occupiedPort(): Promise<{ port: number; server: Server; release: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    port: address.port,
    server,
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
