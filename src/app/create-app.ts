import { GraphQLError } from 'graphql';
import { fetchCatalog, type CaptureFailure, type FetchPlan } from '../catalog/index.ts';
import type { Config } from '../config.ts';
import { createHubcatYoga, type HubcatYoga, type QueryLimits } from '../graphql/index.ts';
import { HubClient, HubProtocolError } from '../hub/index.ts';
import { CatalogCache, createSnapshotStore, snapshotKey, type CacheEvent } from '../store/index.ts';
import { silentLogger, type AppLogger } from './app-logger.ts';
import { httpSecurity } from './http-security.ts';

export interface AppOptions {
  /** How the upstream is named in `catalog.upstream`; defaults to its URL. */
  upstreamLabel?: string;
  now?: () => number;
  /** How the Hub client waits between retries; tests pass a recorder so time, and only time, is faked. */
  sleep?: (ms: number) => Promise<void>;
  onCacheEvent?: (event: CacheEvent) => void;
  graphiql?: boolean;
  /** Gets what API clients are not shown: the cause of a masked error, the whole error of a failed capture. */
  logger?: AppLogger;
}

/** A hubcat wired from its configuration: Hub client → fetch plan → snapshot cache → GraphQL. */
export interface App {
  yoga: HubcatYoga;
  catalog: CatalogCache;
  /**
   * Cancels every Hub request in flight and every one to come: a fetch running now fails at once (the snapshot served
   * stays), and no later one starts a request. For shutdown, which must not wait out a hung upstream.
   */
  abort(): void;
  /** Aborts, waits for the fetch to settle, and closes the snapshot store; call it once requests are drained. */
  close(): Promise<void>;
}

export function fetchPlanOf(config: Config): FetchPlan {
  return {
    provider: config.provider,
    strategy: config.strategy,
    sorts: config.sorts,
    pageSize: config.pageSize,
    concurrency: config.concurrency,
    maxRequests: config.maxRequests,
  };
}

/** The GraphQL API's request limits, as configured. */
function queryLimitsOf(config: Config): QueryLimits {
  const { maxBodyBytes, maxTokens, maxOperations, maxDepth, maxAliases, maxDirectives, maxCost } = config;
  return {
    maxBodyBytes,
    maxTokens,
    maxOperations,
    maxDepth,
    maxAliases,
    maxDirectives,
    maxCost,
    fieldSuggestions: config.fieldSuggestions,
  };
}

export function createApp(config: Config, options: AppOptions = {}): App {
  const client = new HubClient({
    endpoint: config.endpoint,
    token: config.token,
    timeoutMs: config.timeoutMs,
    sleep: options.sleep,
  });
  const plan = fetchPlanOf(config);
  const logger = options.logger ?? silentLogger;
  const shutdown = new AbortController();
  const store = createSnapshotStore(config.cacheUrl);
  const catalog = new CatalogCache({
    store,
    key: snapshotKey({ upstream: config.endpoint, ...plan }),
    ttlSeconds: config.ttlSeconds,
    fetchSnapshot: () =>
      fetchCatalog(plan, {
        client,
        now: options.now,
        signal: shutdown.signal,
        onCaptureFailed: logCaptureFailure(logger),
      }),
    upstreamLabel: options.upstreamLabel ?? config.endpoint,
    now: options.now,
    onEvent: options.onCacheEvent,
  });
  const yoga = createHubcatYoga({
    catalog,
    qualityBar: { minDownloads: config.qualityMinDownloads, minLikes: config.qualityMinLikes },
    graphiql: options.graphiql,
    limits: queryLimitsOf(config),
    plugins: [httpSecurity({ corsOrigins: config.corsOrigins })],
    onUnexpectedError: (error) => logger.error({ err: causeOf(error) }, 'unexpected error, masked for the client'),
  });
  const abort = () => shutdown.abort(new Error('hubcat is shutting down'));
  return {
    yoga,
    catalog,
    abort,
    close: async () => {
      abort();
      await catalog.settled();
      await store.close();
    },
  };
}

function logCaptureFailure(logger: AppLogger): (failure: CaptureFailure) => void {
  return ({ capture, page, error }) => {
    // The message names the URL and carries the Hub's own words; a stack would only show hubcat's crawl loop.
    const evidence = error instanceof HubProtocolError ? { evidence: error.evidence } : {};
    logger.warn({ capture, page, error: error.message, ...evidence }, 'capture failed; the report shows its summary');
  };
}

/** What was thrown in the resolver, rather than the GraphQLError graphql-js wrapped it in. */
function causeOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError !== undefined ? error.originalError : error;
}
