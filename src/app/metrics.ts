import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import packageJson from '../../package.json' with { type: 'json' };
import type { CacheEvent, CatalogCache } from '../store/index.ts';
import { deprecatedFieldCounter } from './deprecated-fields.ts';

/** hubcat's metrics: its own registry (one per app, so several apps can share a process) and the hooks that feed it. */
export interface AppMetrics {
  registry: Registry;
  /** Yoga's GraphQL metrics in the same registry, and `/metrics` serving the registry. */
  plugin: Plugin;
  /** Wraps the Hub client's `fetch` so that every upstream answer is counted by status. */
  countUpstream: (fetchImpl: typeof fetch) => typeof fetch;
  /** Times refreshes and counts the failed ones, from the cache's events. */
  observe: (event: CacheEvent) => void;
  /** Adds the gauges read from the catalog when scraped. */
  watchCatalog: (catalog: CatalogCache) => void;
}

// From a one-page cursor crawl (well under a second) to a capped 100k-model crawl pacing itself for minutes.
const REFRESH_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

// From a provider's catalog (tens of milliseconds) to a million models (seconds).
const PREPARE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  const upstreamRequests = new Counter({
    name: 'hubcat_upstream_requests_total',
    help: 'Hub requests by outcome: the HTTP status, or timeout, aborted, network-error when none came back',
    labelNames: ['status'],
    registers: [registry],
  });
  const observeRefresh = refreshMetrics(registry);
  const observeSharing = sharingCounters(registry);

  return {
    registry,
    plugin: prometheusPlugin(registry),
    countUpstream: (fetchImpl) => async (input, init) => {
      try {
        const response = await fetchImpl(input, init);
        upstreamRequests.inc({ status: String(response.status) });
        return response;
      } catch (error) {
        upstreamRequests.inc({ status: failureOutcome(error) });
        throw error;
      }
    },
    observe(event) {
      observeRefresh(event);
      observeSharing(event);
    },
    watchCatalog: (catalog) => registerCatalogGauges(registry, catalog),
  };
}

/** Yoga's GraphQL metrics, its deprecated-field counter replaced by one that finds a document's fields once. */
function prometheusPlugin(registry: Registry): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        usePrometheus({
          registry,
          endpoint: '/metrics',
          labels: { url: false },
          metrics: { graphql_envelop_deprecated_field: false },
        }),
      );
      addPlugin(deprecatedFieldCounter(registry));
    },
  };
}

/** How long fetches take and how they end, and how long a new snapshot's indexes take to build. */
function refreshMetrics(registry: Registry): (event: CacheEvent) => void {
  const refreshDuration = new Histogram({
    name: 'hubcat_refresh_duration_seconds',
    help: 'Duration of catalog fetches, by outcome: replaced (served now), kept (worse than the served one), failed',
    labelNames: ['outcome'],
    buckets: REFRESH_BUCKETS,
    registers: [registry],
  });
  const refreshFailures = new Counter({
    name: 'hubcat_refresh_failures_total',
    help: 'Catalog fetches that failed or came back worse than the snapshot served, which was kept',
    registers: [registry],
  });
  const preparation = new Histogram({
    name: 'hubcat_snapshot_prepare_seconds',
    help: 'Building the query indexes of a snapshot before it is served (fetched or adopted); queries never wait on it',
    buckets: PREPARE_BUCKETS,
    registers: [registry],
  });
  let refreshStartedAt: number | null = null;
  const endRefresh = (outcome: 'replaced' | 'kept' | 'failed') => {
    if (refreshStartedAt !== null) refreshDuration.observe({ outcome }, (performance.now() - refreshStartedAt) / 1000);
    refreshStartedAt = null;
    if (outcome !== 'replaced') refreshFailures.inc();
  };
  return (event) => {
    if (event.type === 'fetch-started') refreshStartedAt = performance.now();
    else if (event.type === 'snapshot-replaced') endRefresh('replaced');
    else if (event.type === 'snapshot-kept') endRefresh('kept');
    else if (event.type === 'fetch-failed') endRefresh('failed');
    else if (event.type === 'snapshot-prepared') preparation.observe(event.ms / 1000);
  };
}

/** Counters of a catalog shared through Redis: crawls made for every replica, snapshots taken from others, refused. */
function sharingCounters(registry: Registry): (event: CacheEvent) => void {
  const leasesAcquired = new Counter({
    name: 'hubcat_refresh_lease_acquired_total',
    help: 'Refresh leases this replica took in the shared Redis to crawl the Hub for every replica',
    registers: [registry],
  });
  const snapshotsAdopted = new Counter({
    name: 'hubcat_snapshot_adopted_total',
    help: 'Snapshots another replica published that this one adopted, by route: publication (pub/sub) or catch-up',
    labelNames: ['route'],
    registers: [registry],
  });
  const snapshotsRejected = new Counter({
    name: 'hubcat_snapshot_rejected_total',
    help: 'Stored snapshots refused (wrong shape, corrupt or missing chunk, implausible); the last good one was kept',
    registers: [registry],
  });
  return (event) => {
    if (event.type === 'lease-acquired') leasesAcquired.inc();
    else if (event.type === 'snapshot-adopted') snapshotsAdopted.inc({ route: event.route });
    else if (event.type === 'snapshot-rejected') snapshotsRejected.inc();
  };
}

/** Gauges read from the catalog when scraped, so they cannot drift from what the API serves. */
function registerCatalogGauges(registry: Registry, catalog: CatalogCache): void {
  const gauge = (name: string, help: string, read: () => number | null) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        // NaN is Prometheus's "no value": there is no age or coverage before the first snapshot.
        this.set(read() ?? Number.NaN);
      },
    });
  const report = () => catalog.served()?.report ?? null;
  gauge('hubcat_catalog_models', 'Models in the catalog snapshot served', () => catalog.served()?.models.size ?? 0);
  gauge(
    'hubcat_catalog_age_seconds',
    'Seconds since the served snapshot was fetched',
    () => catalog.status().ageSeconds,
  );
  gauge('hubcat_catalog_complete', '1 when the served snapshot is proven complete, else 0', () =>
    report()?.complete ? 1 : 0,
  );
  gauge(
    'hubcat_catalog_coverage_ratio',
    "Served models / the total (exact, or the estimate named in the fetch report's coverage basis)",
    () => report()?.coverage.ratio ?? null,
  );
  gauge('hubcat_catalog_stale', '1 while the served snapshot is older than the TTL', () =>
    catalog.status().stale ? 1 : 0,
  );
  new Gauge({
    name: 'hubcat_build_info',
    help: 'Always 1; the version label says which hubcat runs',
    labelNames: ['version'],
    registers: [registry],
  }).set({ version: packageJson.version }, 1);
}

function failureOutcome(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  if (error instanceof Error && error.name === 'AbortError') return 'aborted';
  return 'network-error';
}
