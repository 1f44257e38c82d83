import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evolveOnSchedule, type EvolveSchedule } from './control.ts';
import { generatePopulation } from './dataset.ts';
import type { EvolveResult, EvolveSpec } from './evolve-spec.ts';
import { EvolvingIndex } from './evolving-index.ts';
import type { RequestLogEntry } from './exchange.ts';
import type { Fault } from './faults.ts';
import { ListingIndex } from './listing-index.ts';
import { parseListingQuery, type MappingShape } from './listing.ts';
import type { EmulatedModel } from './population.ts';
import { DEFAULT_PRESET, presetSpec } from './presets.ts';
import { FixedWindow } from './rate-limit.ts';
import { RequestHandler } from './request-handler.ts';
import { RouterEndpoint, routerModels, type RouterModel, type RouterOptions } from './router.ts';
import type { StatusCounts } from './presets.ts';

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
  evolveEvery?: EvolveSchedule;
  /**
   * How listings write `inferenceProviderMapping`: `array` (default, as listings do today) or `object` keyed by
   * provider, as the model endpoint and older listings did.
   */
  providerMappingShape?: MappingShape;
  /** How `GET /v1/models` (the router's listing) behaves where the real one is unverified; see `RouterOptions`. */
  router?: RouterOptions;
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
  /** Base URL of the router's listing (`${routerUrl}/v1/models`): this server plays the router too. */
  routerUrl: string;
  /** The router's entries now, as `GET /v1/models` lists them (all pages, by model id). */
  routerModels(): readonly RouterModel[];
  /** Mappings per provider and status over the population now, for every provider that has one. */
  providerCounts(): Record<string, StatusCounts>;
  /** Replaces the faults of `/v1/models` requests (counted apart from the Hub listing's). */
  setRouterFaults(faults: Fault[]): void;
  close(): Promise<void>;
}

const DEFAULT_QUOTA = { limit: 500, windowSeconds: 300 };
const DEFAULT_PROVIDER = 'hf-inference';

const indexes = new Map<string, ListingIndex>();

/** One index per preset and seed in this process, so tests that start many servers generate each dataset once. */
function datasetIndex(preset: string, seed: number): ListingIndex {
  const key = `${preset}:${seed}`;
  let index = indexes.get(key);
  if (!index) {
    index = new ListingIndex(generatePopulation(presetSpec(preset), seed));
    indexes.set(key, index);
  }
  return index;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts an in-process Hub emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const preset = options.preset ?? DEFAULT_PRESET;
  const spec = presetSpec(preset);
  const seed = options.seed ?? spec.defaultSeed;
  const providerStatuses = options.providerStatuses ?? ['live'];
  const host = options.host ?? '127.0.0.1';
  const quota = options.quota ?? DEFAULT_QUOTA;
  const settings = {
    dataset: new EvolvingIndex(datasetIndex(preset, seed), seed, spec.now, providerStatuses),
    quota: new FixedWindow(quota.limit, quota.windowSeconds, options.quota !== undefined),
    tokens: options.tokens ? new Set(options.tokens) : undefined,
    providerStatuses,
    latencyMs: options.latencyMs ?? 0,
    mappingShape: options.providerMappingShape ?? 'array',
    fallbackHost: host,
  };
  const router = new RouterEndpoint(options.router ?? {}, settings);
  const handler = new RequestHandler(settings, router, options.faults ?? [], options.capped ?? false);
  const server = createServer(handler.listener);
  const port = await listen(server, options.port ?? 0, host);
  settings.fallbackHost = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const evolveTimer = options.evolveEvery && evolveOnSchedule(settings.dataset, seed, options.evolveEvery);
  const close = () => {
    clearInterval(evolveTimer);
    return new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  };
  return runningEmulator({ url: `http://${settings.fallbackHost}`, port, preset, handler, ...settings, close });
}

function runningEmulator(parts: {
  url: string;
  port: number;
  preset: string;
  handler: RequestHandler;
  dataset: EvolvingIndex;
  providerStatuses: readonly string[];
  close: () => Promise<void>;
}): RunningEmulator {
  const { handler, dataset } = parts;
  return {
    url: parts.url,
    port: parts.port,
    get label() {
      return `hubcat Hub emulator (preset ${parts.preset}${handler.capped ? ', capped' : ''})`;
    },
    requests: handler.requests,
    resetLog: () => handler.resetLog(),
    setFaults: (faults) => (handler.faults = faults),
    setCapped: (capped) => (handler.capped = capped),
    servedIds: (provider = DEFAULT_PROVIDER) => servedIds(dataset, provider, parts.providerStatuses),
    get models() {
      return dataset.current.liveModels();
    },
    evolve: (spec) => dataset.evolve(spec),
    get evolutions() {
      return dataset.evolutionCount;
    },
    routerUrl: parts.url,
    routerModels: () => routerModels(dataset.current),
    providerCounts: () => providerCounts(dataset),
    setRouterFaults: (faults) => (handler.router.faults = faults),
    close: parts.close,
  };
}

function servedIds(dataset: EvolvingIndex, provider: string, statuses: readonly string[]): string[] {
  const index = dataset.current;
  const query = parseListingQuery(new URLSearchParams({ inference_provider: provider }));
  return index
    .matching(index.matcher(query, statuses))
    .map((i) => index.idAt(i))
    .sort();
}

function providerCounts(dataset: EvolvingIndex): Record<string, StatusCounts> {
  const counts = dataset.current.mappingCounts();
  return Object.fromEntries(Object.entries(counts).filter(([, row]) => row.live + row.staging + row.error > 0));
}
