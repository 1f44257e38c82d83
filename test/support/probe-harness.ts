import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** What a server did while it was attacked: the attack's own outcome, `{ __typename }` latencies and its memory. */
export interface Measured<T> {
  outcome: T;
  /** Milliseconds of each `{ __typename }` sent during the attack, one after another. */
  latencies: number[];
  rssStartMb: number;
  rssPeakMb: number;
  /** After the attack, once the server has had a moment to collect its garbage. */
  rssEndMb: number;
}

/** The resident memory of process `pid`, in MiB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}

// The sampler runs in a thread of its own, so that its clock measures the server and not this thread, which is busy
// attacking. Each `{ __typename }` is sent after the previous answer, on a kept-alive connection.
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
let stop = false;
parentPort.on('message', () => { stop = true; });
(async () => {
  const latencies = [];
  const body = JSON.stringify(workerData.body);
  // A first request opens the connection and warms the server's path for this query; it is not a sample.
  await fetch(workerData.url, { method: 'POST', body, headers: workerData.headers }).then((response) => response.text());
  parentPort.postMessage('ready');
  while (!stop) {
    const started = performance.now();
    try {
      const response = await fetch(workerData.url, { method: 'POST', body, headers: workerData.headers });
      await response.text();
      latencies.push(response.status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
    } catch {
      latencies.push(Number.POSITIVE_INFINITY);
    }
    await new Promise((resolve) => setTimeout(resolve, workerData.everyMs));
  }
  parentPort.postMessage(latencies);
})();
`;

/** A sampler's client key, apart from any attacker's when the server trusts `x-forwarded-for`. */
export const SAMPLER_ADDRESS = '192.0.2.250';

/**
 * Runs `attack` against the server of process `pid` at `url` while a separate thread sends it `{ __typename }` every
 * `everyMs`, and watches its resident memory.
 */
export async function measureDuringAttack<T>(
  server: { url: string; pid: number },
  attack: () => Promise<T>,
  options: { everyMs?: number; settleMs?: number; sample?: object } = {},
): Promise<Measured<T>> {
  const sampler = new Worker(SAMPLER, {
    eval: true,
    workerData: {
      url: `${server.url}/graphql`,
      everyMs: options.everyMs ?? 25,
      body: options.sample ?? { query: '{ __typename }' },
      headers: { 'content-type': 'application/json', 'x-forwarded-for': SAMPLER_ADDRESS },
    },
  });
  const messages: unknown[] = [];
  const waiters: ((message: unknown) => void)[] = [];
  sampler.on('message', (message) => (waiters.shift() ?? ((early: unknown) => messages.push(early)))(message));
  const nextMessage = () =>
    new Promise<unknown>((resolve) => (messages.length > 0 ? resolve(messages.shift()) : waiters.push(resolve)));
  await nextMessage();
  const latencies = nextMessage() as Promise<number[]>;
  const rssStartMb = rssMb(server.pid);
  let rssPeakMb = rssStartMb;
  const watch = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(server.pid))), 50);
  try {
    const outcome = await attack();
    sampler.postMessage('stop');
    const measured = await latencies;
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 1000));
    rssPeakMb = Math.max(rssPeakMb, rssMb(server.pid));
    return { outcome, latencies: measured, rssStartMb, rssPeakMb, rssEndMb: rssMb(server.pid) };
  } finally {
    clearInterval(watch);
    await sampler.terminate();
  }
}

/** The value below which `share` of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}

/** Sends requests from `clients` loops until `until` resolves; counts the answers by status and error code. */
export async function flood(
  clients: number,
  until: Promise<unknown>,
  send: (client: number) => Promise<{ status: number; code?: unknown }>,
): Promise<Record<string, number>> {
  let done = false;
  void until.then(() => (done = true));
  const counts: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (!done) {
        const { status, code } = await send(client);
        const key =
          code === undefined || code === null
            ? String(status)
            : `${status} ${typeof code === 'string' ? code : JSON.stringify(code)}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }),
  );
  return counts;
}
