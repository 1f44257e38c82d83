import { hostname } from 'node:os';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { fetchCatalog, type CaptureFailure, type CatalogSnapshot, type FetchPlan } from '../catalog/index.ts';
import { describeConfig, type Config } from '../config.ts';
import { createHubcatYoga, type HubcatYoga, type QueryLimits } from '../graphql/index.ts';
import { createLiveCatalog, type LiveCatalog, type LiveCatalogOptions } from '../live/index.ts';
import { openAIModelsRoute } from '../openai/index.ts';
import { prepareCatalogInSteps, type QualityBar } from '../query/index.ts';
import { HubClient, HubProtocolError, RouterClient, type RetryEvent } from '../hub/index.ts';
import {
  CatalogCache,
  catalogKeys,
  openRedis,
  SharedCatalog,
  type CacheEvent,
  type CatalogKeys,
  type RedisClient,
  type RedisConnections,
  silentLogger,
  type Logger as PartsLogger,
} from '../store/index.ts';
import { httpSecurity } from './http-security.ts';
import { Lifecycle } from './lifecycle.ts';
import { createMetrics, type AppMetrics } from './metrics.ts';
import { useReadiness } from './probes.ts';
import { clientRateLimit } from './rate-limit-plugin.ts';
import { ClientRateLimiter } from './rate-limiter.ts';
import { useRequestLog, yogaLogger } from './request-log.ts';

export interface AppOptions extends Omit<LiveCatalogOptions, 'now' | 'onEvent'> {
  /** How the upstream is named in `catalog.upstream`; defaults to its URL. */
  upstreamLabel?: string;
  now?: () => number;
  /** How the Hub client waits between retries; tests pass a recorder so time, and only time, is faked. */
  sleep?: (ms: number) => Promise<void>;
  onCacheEvent?: (event: CacheEvent) => void;
  /** Before each retry of a Hub request, e.g. to say that the Hub cannot be reached while the fetch still runs. */
  onUpstreamRetry?: (event: RetryEvent) => void;
  /** Scheduled refreshes, recorded changes, webhook deliveries. */
  onLiveEvent?: LiveCatalogOptions['onEvent'];
  /** How long `GET /v1/models` may leave its streamed list unread before it drops the connection (default 30 s). */
  listStallTimeoutMs?: number;
  /** Overrides the configuration's `HUBCAT_GRAPHIQL`. */
  graphiql?: boolean;
  /**
   * Gets what API clients are not shown (the cause of a masked error, the whole error of a failed capture), Yoga's
   * own log and, at debug, one line per GraphQL request; the cache's too (Redis lost and back, rejected snapshots).
   */
  logger?: Logger;
  /**
   * Where snapshots come from instead of a crawl of the configured upstream: a generated catalog, or a benchmark's
   * own fetch. Everything else (cache, GraphQL, plugins) is the app's as configured.
   */
  fetchSnapshot?: () => Promise<CatalogSnapshot>;
  /** Where the rate limit's counters start in Redis; tests sharing one server keep theirs apart with it. */
  rateLimitKeyPrefix?: string;
}

/** A hubcat wired from its configuration: Hub client → fetch plan → snapshot cache → GraphQL. */
export interface App {
  yoga: HubcatYoga;
  catalog: CatalogCache;
  /** This app's Prometheus registry, served at `/metrics`. */
  metrics: Registry;
  live: LiveCatalog;
  /** Where each part registered its close; the HTTP server adds its own. */
  lifecycle: Lifecycle;
  /**
   * Cancels every Hub request in flight and every one to come: a fetch running now fails at once (the snapshot served
   * stays), and no later one starts a request. For shutdown, which must not wait out a hung upstream.
   */
  abort(): void;
  /** Closes every part, last built first (see `Lifecycle`); call it once, after requests are drained. */
  close(): Promise<void>;
}

export function fetchPlanOf(config: Config): FetchPlan {
  return {
    provider: config.provider,
    providers: config.providers,
    strategy: config.strategy,
    sorts: config.sorts,
    pageSize: config.pageSize,
    concurrency: config.concurrency,
    maxRequests: config.maxRequests,
    expand: config.expand,
  };
}

/**
 * Builds the parts in order — store connections, catalog, live side, GraphQL — each registering its close with one
 * lifecycle, so that `close` stops them in reverse. The app owns Redis: one command connection and one subscriber
 * connection per replica, passed to every part that needs them.
 */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger: PartsLogger = options.logger ?? silentLogger;
  const lifecycle = new Lifecycle(logger);
  const redis = config.cacheUrl ? openRedis(config.cacheUrl, config.cacheMode) : undefined;
  if (redis) lifecycle.onClose('redis connections', () => redis.close());
  const metrics = createMetrics();
  const shutdown = new AbortController();
  const keys = catalogKeys({ upstream: config.endpoint, ...fetchPlanOf(config) });
  const catalog = catalogOf(config, options, { redis, keys, metrics, logger, signal: shutdown.signal });
  lifecycle.onClose('catalog', () => catalog.close());
  metrics.watchCatalog(catalog);
  const live = createLiveCatalog(
    config,
    { catalog, catalogKey: keys.tag, redis, onClose: (name, close) => lifecycle.onClose(name, close) },
    { ...options, onEvent: options.onLiveEvent },
  );
  const abort = () => shutdown.abort(new Error('hubcat is shutting down'));
  // Closed before the schedule, the live side and the catalog, which wait for what runs: a fetch then fails at once.
  lifecycle.onClose('upstream requests', abort);
  const rateLimiter = rateLimiterOf(config, options, logger, redis?.commands);
  const yoga = yogaOf(config, options, { catalog, live, metrics, logger, rateLimiter });
  return { yoga, catalog, metrics: metrics.registry, live, lifecycle, abort, close: () => lifecycle.close() };
}

interface CatalogParts {
  redis: RedisConnections | undefined;
  keys: CatalogKeys;
  metrics: AppMetrics;
  logger: PartsLogger;
  signal: AbortSignal;
}

/** The served catalog: fetched from the upstream as planned, shared through Redis when the app has it. */
function catalogOf(config: Config, options: AppOptions, parts: CatalogParts): CatalogCache {
  const { redis, keys, metrics, logger, signal } = parts;
  const replicaId = config.replicaId ?? `${hostname()}:${process.pid}`;
  return new CatalogCache({
    shared: redis && sharedCatalogOf(config, redis, keys, replicaId),
    replicaId,
    ttlSeconds: config.ttlSeconds,
    fetchSnapshot: options.fetchSnapshot ?? upstreamFetch(config, options, { metrics, logger, signal }),
    upstreamLabel: options.upstreamLabel ?? config.endpoint,
    coldWaitMs: config.coldWaitSeconds * 1000,
    now: options.now,
    logger: options.logger,
    onEvent: (event) => {
      metrics.observe(event);
      options.onCacheEvent?.(event);
    },
    prepare: (snapshot) =>
      prepareCatalogInSteps(snapshot.models, {
        onThreadFailed: (error) =>
          logger.warn(
            { error: error instanceof Error ? error.message : String(error) },
            "the search index's thread failed; built on the main thread instead",
          ),
      }),
  });
}

/** A token bucket per client: in Redis when the app has one (one limit for every replica), else here. */
function rateLimiterOf(
  config: Config,
  options: AppOptions,
  logger: PartsLogger,
  redis: RedisClient | undefined,
): ClientRateLimiter | null {
  if (config.rateLimit === 0) return null;
  return new ClientRateLimiter(
    { rate: config.rateLimit, windowSeconds: config.rateLimitWindowSeconds, burst: config.rateLimitBurst },
    { redis, keyPrefix: options.rateLimitKeyPrefix, logger },
  );
}

/** One crawl of the configured upstream (and the router beside it) per call, as the fetch plan says. */
function upstreamFetch(
  config: Config,
  options: AppOptions,
  { metrics, logger, signal }: { metrics: AppMetrics; logger: PartsLogger; signal: AbortSignal },
): () => Promise<CatalogSnapshot> {
  const client = hubClientOf(config, options, metrics);
  const router = routerClientOf(config, options);
  return () =>
    fetchCatalog(fetchPlanOf(config), {
      client,
      router,
      now: options.now,
      signal,
      onCaptureFailed: logFailure(logger),
      onRouterFailed: logRouterFailure(logger),
    });
}

/** The catalog in Redis that replicas of this fetch plan share. */
function sharedCatalogOf(config: Config, redis: RedisConnections, keys: CatalogKeys, replicaId: string): SharedCatalog {
  return new SharedCatalog({
    redis,
    keys,
    replicaId,
    leaseMs: config.leaseSeconds * 1000,
    logLabel: `Redis at ${describeConfig(config).cacheUrl as string}`,
  });
}

function hubClientOf(config: Config, options: AppOptions, metrics: AppMetrics): HubClient {
  return new HubClient({
    endpoint: config.endpoint,
    token: config.token,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    maxBodyBytes: config.upstreamMaxBytes,
    sleep: options.sleep,
    fetch: metrics.countUpstream((input, init) => globalThis.fetch(input, init)),
    onRetry: options.onUpstreamRetry,
  });
}

interface YogaParts {
  catalog: CatalogCache;
  live: LiveCatalog;
  metrics: AppMetrics;
  logger: PartsLogger;
  rateLimiter: ClientRateLimiter | null;
}

/** The GraphQL server over the catalog, with the app's edge: HTTP policy, readiness, metrics, request log. */
function yogaOf(config: Config, options: AppOptions, parts: YogaParts): HubcatYoga {
  const { catalog, live, metrics, logger, rateLimiter } = parts;
  const rateLimit = rateLimiter
    ? clientRateLimit({ limiter: rateLimiter, costPerToken: config.rateLimitCost, trustProxy: config.trustProxy })
    : null;
  const qualityBar = qualityBarOf(config);
  const onUnexpectedError = (error: unknown) =>
    logger.error({ err: causeOf(error) }, 'unexpected error, masked for the client');
  return createHubcatYoga({
    catalog,
    history: live.history,
    historyRecorded: () => live.recorded(),
    updates: live.channel,
    schedule: () => live.scheduleStatus(),
    qualityBar,
    graphiql: options.graphiql ?? config.graphiql,
    responseCache: config.responseCache,
    responseCacheBytes: config.responseCacheBytes,
    documents: config.documents,
    logging: options.logger ? yogaLogger(options.logger) : false,
    limits: queryLimitsOf(config),
    plugins: [
      httpSecurity({ corsOrigins: config.corsOrigins }),
      ...(rateLimit ? [rateLimit.plugin] : []),
      useReadiness(catalog, { onStoreLoss: config.readinessOnStoreLoss }),
      metrics.plugin,
      ...(options.logger ? [useRequestLog(options.logger)] : []),
      // After the HTTP policy, metrics and request log, so the list is answered under the same rules as /graphql.
      openAIModelsRoute({
        catalog,
        qualityBar,
        stallTimeoutMs: options.listStallTimeoutMs,
        onUnexpectedError,
        rateLimit: rateLimit?.charge,
      }),
    ],
    onUnexpectedError,
  });
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
    introspection: config.introspection,
  };
}

function logFailure(logger: PartsLogger): (failure: CaptureFailure) => void {
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

/**
 * The router's listing, unless it is off; it gets the Hub client's timeout but never the token, which it only removes
 * from what the router says (a proxy in front of both could echo it).
 */
export function routerClientOf(
  config: Pick<Config, 'routerEndpoint' | 'timeoutMs' | 'maxRetries' | 'token' | 'upstreamMaxBytes'>,
  options: { sleep?: (ms: number) => Promise<void> } = {},
): RouterClient | undefined {
  if (config.routerEndpoint === null) return undefined;
  return new RouterClient({
    endpoint: config.routerEndpoint,
    timeoutMs: config.timeoutMs,
    maxRetries: Math.min(config.maxRetries, 2),
    maxBodyBytes: config.upstreamMaxBytes,
    sleep: options.sleep,
    redact: config.token,
  });
}

function logRouterFailure(logger: PartsLogger): (error: Error) => void {
  return (error) =>
    logger.warn(
      { error: error.message },
      "router listing failed; prices and context lengths come from the Hub listing's providerDetails only",
    );
}

/** The bar `quality` filters apply: the two minimums, and each optional condition that is configured. */
function qualityBarOf(config: Config): QualityBar {
  return {
    minDownloads: config.qualityMinDownloads,
    minLikes: config.qualityMinLikes,
    requireLicense: config.qualityRequireLicense,
    licenses: config.qualityLicenses ?? null,
    minParameters: config.qualityMinParameters ?? null,
    maxParameters: config.qualityMaxParameters ?? null,
  };
}
