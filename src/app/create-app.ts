import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { fetchCatalog, type FetchPlan } from '../catalog/index.ts';
import { describeConfig, type Config } from '../config.ts';
import { createHubcatYoga, type HubcatYoga } from '../graphql/index.ts';
import { HubClient, type RetryEvent } from '../hub/index.ts';
import { CatalogCache, catalogKeys, SharedCatalog, type CacheEvent } from '../store/index.ts';
import { createMetrics } from './metrics.ts';
import { useReadiness } from './probes.ts';
import { useRequestLog, yogaLogger } from './request-log.ts';

export interface AppOptions {
  /** How the upstream is named in `catalog.upstream`; defaults to its URL. */
  upstreamLabel?: string;
  now?: () => number;
  /** How the Hub client waits between retries; tests pass a recorder so time, and only time, is faked. */
  sleep?: (ms: number) => Promise<void>;
  onCacheEvent?: (event: CacheEvent) => void;
  /** Before each retry of a Hub request, e.g. to say that the Hub cannot be reached while the fetch still runs. */
  onUpstreamRetry?: (event: RetryEvent) => void;
  /** Overrides the configuration's `HUBCAT_GRAPHIQL`. */
  graphiql?: boolean;
  /**
   * Yoga's own log (masked errors) and, at debug, one line per GraphQL request; the cache's too (Redis lost and back,
   * rejected snapshots).
   */
  logger?: Logger;
}

/** A hubcat wired from its configuration: Hub client → fetch plan → snapshot cache → GraphQL. */
export interface App {
  yoga: HubcatYoga;
  catalog: CatalogCache;
  /** This app's Prometheus registry, served at `/metrics`. */
  metrics: Registry;
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

/** The catalog in Redis that replicas of this fetch plan share, when a cache URL is set. */
function sharedCatalogOf(config: Config, plan: FetchPlan, replicaId: string): SharedCatalog | undefined {
  if (!config.cacheUrl) return undefined;
  return new SharedCatalog({
    url: config.cacheUrl,
    mode: config.cacheMode,
    keys: catalogKeys({ upstream: config.endpoint, ...plan }),
    replicaId,
    leaseMs: config.leaseSeconds * 1000,
    logLabel: `Redis at ${describeConfig(config).cacheUrl as string}`,
  });
}

export function createApp(config: Config, options: AppOptions = {}): App {
  const plan = fetchPlanOf(config);
  const metrics = createMetrics();
  const client = new HubClient({
    endpoint: config.endpoint,
    token: config.token,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    sleep: options.sleep,
    fetch: metrics.countUpstream((input, init) => globalThis.fetch(input, init)),
    onRetry: options.onUpstreamRetry,
  });
  const replicaId = config.replicaId ?? `${hostname()}:${process.pid}`;
  const catalog = new CatalogCache({
    shared: sharedCatalogOf(config, plan, replicaId),
    replicaId,
    ttlSeconds: config.ttlSeconds,
    fetchSnapshot: () => fetchCatalog(plan, { client, now: options.now }),
    upstreamLabel: options.upstreamLabel ?? config.endpoint,
    coldWaitMs: config.coldWaitSeconds * 1000,
    now: options.now,
    logger: options.logger,
    onEvent: (event) => {
      metrics.observe(event);
      options.onCacheEvent?.(event);
    },
  });
  metrics.watchCatalog(catalog);
  const yoga = createHubcatYoga({
    catalog,
    qualityBar: { minDownloads: config.qualityMinDownloads, minLikes: config.qualityMinLikes },
    graphiql: options.graphiql ?? config.graphiql,
    logging: options.logger ? yogaLogger(options.logger) : false,
    plugins: [useReadiness(catalog), metrics.plugin, ...(options.logger ? [useRequestLog(options.logger)] : [])],
  });
  return {
    yoga,
    catalog,
    metrics: metrics.registry,
    close: () => catalog.close(),
  };
}
