import autocannon from 'autocannon';

/** What one load run measured at the client, and what the server's process spent on it. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Server CPU time per request, in microseconds: steadier than req/s on a shared machine. */
  serverCpuMicros: number;
  failures: number;
  /** The server's resident set size after the run, when read. */
  serverRssBytes?: number;
}

export interface LoadRun {
  url: string;
  /** JSON request bodies, sent in turn, one per request; or the next body, made for each request. */
  bodies: readonly string[] | (() => string);
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** The server's CPU time so far, in ms. */
  serverCpuMs: () => Promise<number>;
}

/**
 * POSTs the bodies in rotation with autocannon (HTTP/1.1 keep-alive, `connections` in flight) for `seconds`.
 * Runs in the benchmark's process, the server in another, as a client and a server do.
 */
export async function loadTest(run: LoadRun): Promise<LoadFigures> {
  let next = 0;
  const { bodies } = run;
  const nextBody = typeof bodies === 'function' ? bodies : () => bodies[next++ % bodies.length]!;
  const cpuBefore = await run.serverCpuMs();
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...run.headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
  });
  const cpuMs = (await run.serverCpuMs()) - cpuBefore;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    serverCpuMicros: (cpuMs * 1000) / Math.max(1, result.requests.total),
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** Sends each body once and refuses to measure a query that fails: a fast error is not a fast answer. */
export async function checkBodies(url: string, bodies: readonly string[]): Promise<void> {
  for (const body of new Set(bodies)) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await response.json()) as { errors?: unknown[] };
    if (response.status !== 200 || json.errors) {
      throw new Error(`benchmark query failed (${response.status}): ${body}\n${JSON.stringify(json.errors)}`);
    }
  }
}
