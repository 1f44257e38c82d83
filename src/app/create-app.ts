import { hostname } from 'node:os';
import { fetchCatalog, type FetchPlan } from '../catalog/index.ts';
import type { Config } from '../config.ts';
import { createHubcatYoga, type HubcatYoga } from '../graphql/index.ts';
import { HubClient } from '../hub/index.ts';
import { CatalogCache, catalogKeys, SharedCatalog, type CacheEvent, type Logger } from '../store/index.ts';

export interface AppOptions {
  /** How the upstream is named in `catalog.upstream`; defaults to its URL. */
  upstreamLabel?: string;
  now?: () => number;
  /** How the Hub client waits between retries; tests pass a recorder so time, and only time, is faked. */
  sleep?: (ms: number) => Promise<void>;
  onCacheEvent?: (event: CacheEvent) => void;
  /** Where the cache logs what an operator should know (Redis lost and back, rejected snapshots); silent if unset. */
  logger?: Logger;
  graphiql?: boolean;
}

/** A hubcat wired from its configuration: Hub client → fetch plan → snapshot cache → GraphQL. */
export interface App {
  yoga: HubcatYoga;
  catalog: CatalogCache;
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
  const client = new HubClient({
    endpoint: config.endpoint,
    token: config.token,
    timeoutMs: config.timeoutMs,
    sleep: options.sleep,
  });
  const plan = fetchPlanOf(config);
  const replicaId = config.replicaId ?? `${hostname()}:${process.pid}`;
  const shared = config.cacheUrl
    ? new SharedCatalog({
        url: config.cacheUrl,
        mode: config.cacheMode,
        keys: catalogKeys({ upstream: config.endpoint, ...plan }),
        replicaId,
        leaseMs: config.leaseSeconds * 1000,
      })
    : undefined;
  const catalog = new CatalogCache({
    shared,
    replicaId,
    ttlSeconds: config.ttlSeconds,
    fetchSnapshot: () => fetchCatalog(plan, { client, now: options.now }),
    upstreamLabel: options.upstreamLabel ?? config.endpoint,
    coldWaitMs: config.coldWaitSeconds * 1000,
    now: options.now,
    logger: options.logger,
    onEvent: options.onCacheEvent,
  });
  const yoga = createHubcatYoga({
    catalog,
    qualityBar: { minDownloads: config.qualityMinDownloads, minLikes: config.qualityMinLikes },
    graphiql: options.graphiql,
  });
  return {
    yoga,
    catalog,
    close: () => catalog.close(),
  };
}
