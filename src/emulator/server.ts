import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generatePopulation, type EmulatedModel } from './dataset.ts';
import { EvolveError, type EvolveResult, type EvolveSpec } from './evolve-spec.ts';
import { scheduledSpec } from './evolve.ts';
import { EvolvingIndex } from './evolving-index.ts';
import { ListingIndex } from './listing-index.ts';
import { ListingError, parseListingQuery, project, type ListingQuery } from './listing.ts';
import { DEFAULT_PRESET, presetSpec } from './presets.ts';

export interface EmulatorOptions {
  /** Dataset preset; default `gateway-2025-10`. */
  preset?: string;
  /** PRNG seed; default per preset. */
  seed?: number;
  /** Serve only the first page of any listing, never a `Link` header. */
  capped?: boolean;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** When set, `Authorization: Bearer <t>` must name one of them (401 otherwise); no header is anonymous. */
  tokens?: string[];
  /**
   * Fixed-window limit over `/api/models` requests, enforced (429) only when passed. Without it the headers still
   * announce 500 per 300 s but nothing is counted (`r` stays at 500), so clients that pause on a low `r` never stall.
   */
  quota?: { limit: number; windowSeconds: number };
  /** Fixed latency added to every request. */
  latencyMs?: number;
  /** Mapping statuses the `inference_provider` filter matches; default `['live']`. */
  providerStatuses?: string[];
  faults?: Fault[];
  /**
   * Evolves the population every `seconds` by a small seeded batch (the demo's "living" Hub); `onEvolve` hears each
   * outcome, a failure included.
   */
  evolveEvery?: { seconds: number; drift?: boolean; onEvolve?: (outcome: EvolveResult | Error) => void };
}

/** A failure injected into the `on`-th `/api/models` request (1-based, since start or the last `resetLog`), or all. */
export type Fault =
  | { on: number | 'all'; kind: 'status'; status: number; body?: string }
  | { on: number | 'all'; kind: 'rate-limit'; resetSeconds: number }
  | { on: number | 'all'; kind: 'malformed' }
  | { on: number | 'all'; kind: 'invalid-item' }
  | { on: number | 'all'; kind: 'drop' };

export interface RequestLogEntry {
  /** 1-based position in the log. */
  n: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** 0 when the socket was dropped without a response. */
  status: number;
  authenticated: boolean;
  /** Arrival time, epoch milliseconds. */
  at: number;
}

export interface RunningEmulator {
  /** Base URL without a trailing slash: what `HF_ENDPOINT` should be. */
  url: string;
  port: number;
  label: string;
  requests: RequestLogEntry[];
  /** Clears the log and the fault request counter. */
  resetLog(): void;
  setFaults(faults: Fault[]): void;
  setCapped(capped: boolean): void;
  /**
   * Ids of models the real listing would return for `inference_provider=<provider>` (default statuses), sorted by id.
   */
  servedIds(provider?: string): string[];
  /** The population now, in position order: generation order, then the models evolutions added. */
  readonly models: readonly EmulatedModel[];
  /**
   * Changes the population at once, deterministically for the emulator's seed and the evolution's number, and returns
   * the ground truth; throws `EvolveError` for a spec it refuses. `POST /__evolve` does the same over HTTP.
   */
  evolve(spec: EvolveSpec): EvolveResult;
  /** Evolutions applied so far. */
  readonly evolutions: number;
  close(): Promise<void>;
}

const DEFAULT_QUOTA = { limit: 500, windowSeconds: 300 };
/** The control endpoint takes a spec, not a dataset: a megabyte is far more than any spec needs. */
const MAX_CONTROL_BODY_BYTES = 1 << 20;
const EVOLVE_PATH = '/__evolve';
const DEFAULT_PROVIDER = 'hf-inference';

const indexes = new Map<string, ListingIndex>();

/** One index per preset and seed in this process, so tests that start many servers generate each dataset once. */
function datasetIndex(preset: string, seed: number | undefined): ListingIndex {
  const spec = presetSpec(preset);
  const key = `${preset}:${seed ?? spec.defaultSeed}`;
  let index = indexes.get(key);
  if (!index) {
    index = new ListingIndex(generatePopulation(spec, seed ?? spec.defaultSeed));
    indexes.set(key, index);
  }
  return index;
}

function requestId(): string {
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return record;
}

/** The next page's URL: every original parameter verbatim, any old cursor replaced by the new one. */
function nextUrl(req: IncomingMessage, fallbackHost: string, path: string, rawQuery: string, cursor: string): string {
  const kept = rawQuery.split('&').filter((part) => {
    if (part === '') return false;
    const key = part.split('=')[0] ?? '';
    let decoded = key;
    try {
      decoded = decodeURIComponent(key.replaceAll('+', ' '));
    } catch {
      /* keep undecodable keys verbatim */
    }
    return decoded !== 'cursor';
  });
  kept.push(`cursor=${encodeURIComponent(cursor)}`);
  return `http://${req.headers.host ?? fallbackHost}${path}?${kept.join('&')}`;
}

/**
 * `POST /__evolve`: the emulator's own control endpoint, not part of the Hub's protocol. The body is an evolve spec;
 * the answer is the evolution's ground truth, or 400 with `{"error"}` for a body it refuses. No fault, quota or token
 * applies to it, and it does not count as a listing request.
 */
async function serveEvolve(
  req: IncomingMessage,
  respond: (status: number, body: string) => void,
  dataset: EvolvingIndex,
): Promise<void> {
  const fail = (status: number, error: string) => {
    respond(status, JSON.stringify({ error }));
  };
  if (req.method !== 'POST') {
    fail(405, `Method ${req.method ?? ''} not allowed: POST an evolve spec`);
    return;
  }
  const text = await readBody(req, MAX_CONTROL_BODY_BYTES);
  if (text === undefined) {
    fail(413, `The body exceeds ${MAX_CONTROL_BODY_BYTES} bytes`);
    return;
  }
  let input: unknown;
  try {
    input = JSON.parse(text === '' ? '{}' : text);
  } catch {
    fail(400, 'The body is not JSON');
    return;
  }
  try {
    respond(200, JSON.stringify(dataset.evolve(input)));
  } catch (error) {
    if (!(error instanceof EvolveError)) throw error;
    fail(400, error.message);
  }
}

/** The body as text, or undefined past `limit` bytes (the rest is drained so the connection stays usable). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks).toString('utf8');
}

function evolveOnSchedule(
  dataset: EvolvingIndex,
  seed: number,
  schedule: NonNullable<EmulatorOptions['evolveEvery']>,
): NodeJS.Timeout {
  if (!(schedule.seconds > 0)) throw new Error(`evolveEvery.seconds must be positive (got ${schedule.seconds})`);
  const timer = setInterval(() => {
    let outcome: EvolveResult | Error;
    try {
      outcome = dataset.evolve(scheduledSpec(seed, dataset.evolutionCount + 1, schedule.drift ?? false));
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    schedule.onEvolve?.(outcome);
  }, schedule.seconds * 1000);
  timer.unref();
  return timer;
}

/** Starts an in-process Hub emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const preset = options.preset ?? DEFAULT_PRESET;
  const spec = presetSpec(preset);
  const seed = options.seed ?? spec.defaultSeed;
  const providerStatuses = options.providerStatuses ?? ['live'];
  const dataset = new EvolvingIndex(datasetIndex(preset, seed), seed, spec.now, providerStatuses);
  const host = options.host ?? '127.0.0.1';
  const quota = options.quota ?? DEFAULT_QUOTA;
  const enforceQuota = options.quota !== undefined;
  const tokens = options.tokens ? new Set(options.tokens) : undefined;
  let capped = options.capped ?? false;
  let faults = options.faults ?? [];
  let listingRequests = 0;
  const requests: RequestLogEntry[] = [];
  const startedAt = Date.now();
  let window = -1;
  let windowCount = 0;
  let fallbackHost = host;

  function rateLimit(countThis: boolean): { remaining: number; reset: number } {
    const windowMs = quota.windowSeconds * 1000;
    const now = Date.now();
    const current = Math.floor((now - startedAt) / windowMs);
    if (current !== window) {
      window = current;
      windowCount = 0;
    }
    if (countThis) windowCount++;
    const reset = Math.max(1, Math.ceil((startedAt + (current + 1) * windowMs - now) / 1000));
    return { remaining: Math.max(0, quota.limit - windowCount), reset };
  }

  function send(
    res: ServerResponse,
    entry: RequestLogEntry,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ): void {
    entry.status = status;
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(bytes.length),
      ...headers,
    });
    res.end(bytes);
  }

  function listing(query: ListingQuery): { items: number[]; next: string | undefined } {
    const page = dataset.current.page(query, providerStatuses, !capped);
    return capped ? { items: page.items, next: undefined } : page;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const rawQuery = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
    const url = new URL(rawUrl, 'http://emulator');
    const path = url.pathname;
    const authorization = req.headers.authorization;
    const token = authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const credentialsOk =
      authorization === undefined || (token !== undefined && (tokens === undefined || tokens.has(token)));
    const entry: RequestLogEntry = {
      n: requests.length + 1,
      method: req.method ?? 'GET',
      path,
      query: queryRecord(url.searchParams),
      status: 0,
      authenticated: token !== undefined && credentialsOk,
      at: Date.now(),
    };
    requests.push(entry);
    if (path === EVOLVE_PATH) {
      await serveEvolve(
        req,
        (status, body) => send(res, entry, status, body, { 'X-Request-Id': requestId() }),
        dataset,
      );
      return;
    }
    const isListing = path === '/api/models' || path === '/api/models/';
    const nth = isListing ? ++listingRequests : 0;
    const limits = rateLimit(isListing && enforceQuota);
    const headers: Record<string, string> = {
      'X-Request-Id': requestId(),
      RateLimit: `"api";r=${limits.remaining};t=${limits.reset}`,
      'RateLimit-Policy': `"fixed window";"api";q=${quota.limit};w=${quota.windowSeconds}`,
    };
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));

    const fault = isListing ? faults.find((f) => f.on === 'all' || f.on === nth) : undefined;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const body = fault.body ?? JSON.stringify({ error: `Emulated fault: HTTP ${fault.status}` });
      let isJson = true;
      try {
        JSON.parse(body);
      } catch {
        isJson = false;
      }
      send(res, entry, fault.status, body, {
        ...headers,
        ...(isJson ? {} : { 'Content-Type': 'text/html; charset=utf-8' }),
      });
      return;
    }
    if (fault?.kind === 'rate-limit') {
      send(
        res,
        entry,
        429,
        JSON.stringify({ error: 'You have been rate-limited; you can retry this action in about 5 minutes.' }),
        {
          ...headers,
          RateLimit: `"api";r=0;t=${fault.resetSeconds}`,
        },
      );
      return;
    }

    if (!credentialsOk) {
      send(res, entry, 401, JSON.stringify({ error: 'Invalid credentials in Authorization header' }), headers);
      return;
    }
    if (!isListing) {
      send(res, entry, 404, JSON.stringify({ error: "Sorry, we can't find the page you are looking for." }), headers);
      return;
    }
    if (enforceQuota && limits.remaining === 0 && windowCount > quota.limit) {
      send(
        res,
        entry,
        429,
        JSON.stringify({ error: 'You have been rate-limited; you can retry this action in a few minutes.' }),
        headers,
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, entry, 405, JSON.stringify({ error: `Method ${req.method ?? ''} not allowed` }), headers);
      return;
    }

    let query: ListingQuery;
    let page: { items: number[]; next: string | undefined };
    try {
      query = parseListingQuery(url.searchParams);
      page = listing(query);
    } catch (error) {
      if (error instanceof ListingError) {
        send(res, entry, error.status, JSON.stringify({ error: error.message }), headers);
        return;
      }
      throw error;
    }
    if (page.next !== undefined) {
      headers.Link = `<${nextUrl(req, fallbackHost, path, rawQuery, page.next)}>; rel="next"`;
    }
    let body: string;
    if (fault?.kind === 'invalid-item') {
      const items = page.items.map((i) => project(dataset.current.record(i)!, query.fields));
      const broken = items[Math.floor(items.length / 2)];
      if (broken) delete broken.id;
      else items.push({ _id: '000000000000000000000000' });
      body = JSON.stringify(items);
    } else {
      body = `[${page.items.map((i) => dataset.current.itemJson(i, query.fields)).join(',')}]`;
      if (fault?.kind === 'malformed') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    }
    send(res, entry, 200, body, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': requestId() });
        res.end(
          JSON.stringify({ error: `Emulator failure: ${error instanceof Error ? error.message : String(error)}` }),
        );
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const evolveTimer = options.evolveEvery && evolveOnSchedule(dataset, seed, options.evolveEvery);
  fallbackHost = `${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: `http://${fallbackHost}`,
    port,
    get label() {
      return `hubcat Hub emulator (preset ${preset}${capped ? ', capped' : ''})`;
    },
    requests,
    resetLog() {
      requests.length = 0;
      listingRequests = 0;
    },
    setFaults(next) {
      faults = next;
    },
    setCapped(next) {
      capped = next;
    },
    servedIds(provider = DEFAULT_PROVIDER) {
      const index = dataset.current;
      const query = parseListingQuery(new URLSearchParams({ inference_provider: provider }));
      return index
        .matching(index.matcher(query, providerStatuses))
        .map((i) => index.record(i)!.id)
        .sort();
    },
    get models() {
      return dataset.current.liveModels();
    },
    evolve(evolveSpec) {
      return dataset.evolve(evolveSpec);
    },
    get evolutions() {
      return dataset.evolutionCount;
    },
    close() {
      clearInterval(evolveTimer);
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
