import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/** A `redis-server` of the test's own, on a free loopback port, that it may kill, restart or corrupt. */
export interface OwnRedis {
  url: string;
  port: number;
  /** A plain client for the test's own reads and writes (an attacker's or an operator's view of the server). */
  client(): Redis;
  /** SIGKILLs the server: connections drop without a goodbye, as when a host dies. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty (no persistence). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on right now; redis-server cannot pick an ephemeral port itself. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Spawns `redis-server` with `args` and resolves once it answers PING. */
export async function spawnRedisServer(port: number, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args],
    { stdio: 'ignore' },
  );
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${child.exitCode}`);
      try {
        await probe.connect();
        await probe.ping();
        return child;
      } catch {
        probe.disconnect();
        await delay(50);
      }
    }
    child.kill('SIGKILL');
    throw new Error(`redis-server on port ${port} did not answer`);
  } finally {
    probe.disconnect();
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a private redis-server on a free port; `stop` (or the suite's end) kills it. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = await spawnRedisServer(port);
  const clients: Redis[] = [];
  const halt = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running) return;
    running.kill(signal);
    await exited(running);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    client: () => {
      const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    kill: () => halt('SIGKILL'),
    start: async () => {
      child ??= await spawnRedisServer(port);
    },
    stop: async () => {
      for (const client of clients) client.disconnect();
      await halt('SIGTERM');
    },
  };
}

/** A private redis-server for the suite: started before its tests, stopped after them. */
export function useOwnRedis(): OwnRedis {
  let running: OwnRedis | null = null;
  beforeAll(async () => {
    running = await startOwnRedis();
  });
  afterAll(async () => {
    await running?.stop();
    running = null;
  });
  return new Proxy({} as OwnRedis, {
    get: (_target, property) => {
      if (running === null) throw new Error('useOwnRedis: the server runs from beforeAll to afterAll');
      return Reflect.get(running, property) as unknown;
    },
  });
}
