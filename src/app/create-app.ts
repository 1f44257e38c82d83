import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { fetchCatalog, type FetchPlan } from '../catalog/index.ts';
import type { Config } from '../config.ts';
import { createHubcatYoga, type HubcatYoga } from '../graphql/index.ts';
import { HubClient, type RetryEvent } from '../hub/index.ts';
import { CatalogCache, createSnapshotStore, snapshotKey, type CacheEvent } from '../store/index.ts';
import { createMetrics } from './metrics.ts';
import { useReadiness } from './probes.ts';
import { useRequestLog, yogaLogger } from './request-log.ts';
import { watchStoreHealth, type StoreHealthEvent } from './store-health.ts';
import { createLiveCatalog, type LiveCatalog, type LiveCatalogOptions } from './live-catalog.ts';

export interface AppOptions extends Omit<LiveCatalogOptions, 'now' | 'onEvent'> {
  /** How the upstream is named in `catalog.upstream`; defaults to its URL. */
  upstreamLabel?: string;
  now?: () => number;
  /** How the Hub client waits between retries; tests pass a recorder so time, and only time, is faked. */
  sleep?: (ms: number) => Promise<void>;
  onCacheEvent?: (event: CacheEvent) => void;
  /** Before each retry of a Hub request, e.g. to say that the Hub cannot be reached while the fetch still runs. */
  onUpstreamRetry?: (event: RetryEvent) => void;
  /** When the snapshot store (Redis) stops answering, and when it answers again. */
  onStoreHealth?: (event: StoreHealthEvent) => void;
  /** Overrides the configuration's `HUBCAT_GRAPHIQL`. */
  onLiveEvent?: LiveCatalogOptions['onEvent'];
  /** Overrides the configuration's `HUBCAT_GRAPHIQL`. */
  graphiql?: boolean;
  /** Yoga's own log (masked errors) and, at debug, one line per GraphQL request. */
  logger?: Logger;
}

/** A hubcat wired from its configuration: Hub client → fetch plan → snapshot cache → GraphQL. */
export interface App {
  yoga: HubcatYoga;
  catalog: CatalogCache;
  /** This app's Prometheus registry, served at `/metrics`. */
  metrics: Registry;
  live: LiveCatalog;
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

export function createApp(config: Config, options: AppOptions = {}): App {
  const plan = fetchPlanOf(config);
  const store = watchStoreHealth(createSnapshotStore(config.cacheUrl), (event) => options.onStoreHealth?.(event));
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
  const key = snapshotKey({ upstream: config.endpoint, ...plan });
  const live = createLiveCatalog(config, key, { ...options, onEvent: options.onLiveEvent });
  const catalog = new CatalogCache({
    store,
    key,
    ttlSeconds: config.ttlSeconds,
    fetchSnapshot: () => fetchCatalog(plan, { client, now: options.now }),
    upstreamLabel: options.upstreamLabel ?? config.endpoint,
    now: options.now,
    onEvent: (event) => {
      metrics.observe(event);
      options.onCacheEvent?.(event);
    },
    onReplace: live.updates.onReplace,
  });
  metrics.watchCatalog(catalog);
  live.schedule(catalog);
  const yoga = createHubcatYoga({
    catalog,
    history: live.history,
    updates: live.channel,
    schedule: () => live.scheduleStatus(),
    qualityBar: { minDownloads: config.qualityMinDownloads, minLikes: config.qualityMinLikes },
    graphiql: options.graphiql ?? config.graphiql,
    logging: options.logger ? yogaLogger(options.logger) : false,
    plugins: [useReadiness(catalog), metrics.plugin, ...(options.logger ? [useRequestLog(options.logger)] : [])],
  });
  return {
    yoga,
    catalog,
    metrics: metrics.registry,
    live,
    close: async () => {
      await catalog.settled();
      await live.close();
      await store.close();
    },
  };
}
