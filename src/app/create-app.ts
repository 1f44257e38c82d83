import { fetchCatalog, type FetchPlan } from '../catalog/index.ts';
import type { Config } from '../config.ts';
import { createHubcatYoga, type HubcatYoga } from '../graphql/index.ts';
import { HubClient } from '../hub/index.ts';
import { CatalogCache, createSnapshotStore, snapshotKey, type CacheEvent } from '../store/index.ts';
import { createLiveCatalog, type LiveCatalog, type LiveCatalogOptions } from './live-catalog.ts';

export interface AppOptions extends Omit<LiveCatalogOptions, 'now' | 'onEvent'> {
  /** How the upstream is named in `catalog.upstream`; defaults to its URL. */
  upstreamLabel?: string;
  now?: () => number;
  /** How the Hub client waits between retries; tests pass a recorder so time, and only time, is faked. */
  sleep?: (ms: number) => Promise<void>;
  onCacheEvent?: (event: CacheEvent) => void;
  onLiveEvent?: LiveCatalogOptions['onEvent'];
  graphiql?: boolean;
}

/** A hubcat wired from its configuration: Hub client → fetch plan → snapshot cache → GraphQL. */
export interface App {
  yoga: HubcatYoga;
  catalog: CatalogCache;
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
  const client = new HubClient({
    endpoint: config.endpoint,
    token: config.token,
    timeoutMs: config.timeoutMs,
    sleep: options.sleep,
  });
  const plan = fetchPlanOf(config);
  const store = createSnapshotStore(config.cacheUrl);
  const key = snapshotKey({ upstream: config.endpoint, ...plan });
  const live = createLiveCatalog(config, key, { ...options, onEvent: options.onLiveEvent });
  const catalog = new CatalogCache({
    store,
    key,
    ttlSeconds: config.ttlSeconds,
    fetchSnapshot: () => fetchCatalog(plan, { client, now: options.now }),
    upstreamLabel: options.upstreamLabel ?? config.endpoint,
    now: options.now,
    onEvent: options.onCacheEvent,
    onReplace: live.updates.onReplace,
  });
  live.schedule(catalog);
  const yoga = createHubcatYoga({
    catalog,
    history: live.history,
    updates: live.channel,
    schedule: () => live.scheduleStatus(),
    qualityBar: { minDownloads: config.qualityMinDownloads, minLikes: config.qualityMinLikes },
    graphiql: options.graphiql,
  });
  return {
    yoga,
    catalog,
    live,
    close: async () => {
      await catalog.settled();
      await live.close();
      await store.close();
    },
  };
}
