import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Cluster, Redis } from 'ioredis';
import { freePort, spawnRedisServer } from './redis-server.ts';

/** A three-node Redis Cluster of the test's own on loopback (no replicas), which it may stop node by node. */
export interface OwnCluster {
  /** The first node's URL: what `HUBCAT_CACHE_URL` names in cluster mode. */
  url: string;
  ports: number[];
  /** A cluster client for the test's own reads and writes. */
  client(): Cluster;
  /** The port of the node serving `key`'s slot. */
  nodeFor(key: string): Promise<number>;
  /** SIGKILLs one node; its slots are down until it is started again. */
  killNode(port: number): Promise<void>;
  /** Starts a killed node again: empty (no persistence), but with its cluster configuration, so it keeps its slots. */
  startNode(port: number): Promise<void>;
  stop(): Promise<void>;
}

const NODES = 3;

/** Waits until every node reports `cluster_state:ok`. */
async function clusterReady(ports: number[]): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const states = await Promise.all(
      ports.map(async (port) => {
        const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          return (await probe.cluster('INFO')).includes('cluster_state:ok');
        } catch {
          return false;
        } finally {
          probe.disconnect();
        }
      }),
    );
    if (states.every(Boolean)) return;
    await delay(100);
  }
  throw new Error(`cluster on ${ports.join(', ')} never reached cluster_state:ok`);
}

function runRedisCli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`redis-cli ${args[0]} … failed: ${stderr}`)),
    );
  });
}

/**
 * Starts three `redis-server --cluster-enabled yes` on free ports (each with an explicit bus port, so nothing
 * assumes port + 10000 is free), joins them with `redis-cli --cluster create`, and waits until the cluster is ok.
 */
export async function startOwnCluster(): Promise<OwnCluster> {
  const directory = mkdtempSync(join(tmpdir(), 'hubcat-cluster-'));
  const ports: number[] = [];
  const busPorts: number[] = [];
  for (let node = 0; node < NODES; node++) {
    ports.push(await freePort());
    busPorts.push(await freePort());
  }
  const argsFor = (node: number) => [
    '--cluster-enabled',
    'yes',
    '--cluster-port',
    String(busPorts[node]),
    '--cluster-config-file',
    join(directory, `nodes-${ports[node]}.conf`),
    '--cluster-node-timeout',
    '2000',
    '--dir',
    directory,
  ];
  const nodes = new Map<number, ChildProcess>();
  const clients: Cluster[] = [];
  await Promise.all(ports.map(async (port, node) => nodes.set(port, await spawnRedisServer(port, argsFor(node)))));
  await runRedisCli([
    '--cluster',
    'create',
    ...ports.map((port) => `127.0.0.1:${port}`),
    '--cluster-replicas',
    '0',
    '--cluster-yes',
  ]);
  await clusterReady(ports);
  const kill = async (port: number) => {
    const child = nodes.get(port);
    nodes.delete(port);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${ports[0]}`,
    ports,
    client: () => {
      const client = new Cluster([{ host: '127.0.0.1', port: ports[0]! }], {
        redisOptions: { maxRetriesPerRequest: 1 },
      });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    nodeFor: async (key) => {
      const probe = new Redis({ port: ports[0], host: '127.0.0.1' });
      const slot = await probe.cluster('KEYSLOT', key);
      const ranges = await probe.cluster('SLOTS');
      probe.disconnect();
      return ranges.find(([low, high]) => slot >= low && slot <= high)![2]![1];
    },
    killNode: kill,
    startNode: async (port) => {
      if (nodes.has(port)) return;
      nodes.set(port, await spawnRedisServer(port, argsFor(ports.indexOf(port))));
      await clusterReady(ports);
    },
    stop: async () => {
      for (const client of clients) client.disconnect();
      await Promise.all(ports.map(kill));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
