import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { Config } from '../config.ts';
import type { CatalogCache } from '../store/index.ts';

/** What `/readiness` answers while the shared store does not: 200 saying so (`degraded`), or 503 (`fail`). */
type StoreLossReadiness = Config['readinessOnStoreLoss'];

/** How long `/readiness` waits for the shared store's PING: well within a probe's usual one-second timeout. */
const STORE_PROBE_MS = 500;

interface Readiness {
  status: 200 | 503;
  body: Record<string, unknown>;
}

/** What `/readiness` answers about the catalog: 200 once a snapshot is held (whatever came after it), 503 before. */
function catalogReadiness(catalog: CatalogCache): Readiness {
  const snapshot = catalog.served();
  if (snapshot) {
    return {
      status: 200,
      body: { size: snapshot.models.size, fetchedAt: snapshot.fetchedAt, complete: snapshot.report.complete },
    };
  }
  const { lastError, refreshing } = catalog.status();
  const reason =
    lastError !== null
      ? `no catalog snapshot yet; the last attempt failed: ${lastError}`
      : refreshing
        ? 'no catalog snapshot yet; the first fetch is running'
        : 'no catalog snapshot yet; it is fetched on the first query';
  return { status: 503, body: { reason } };
}

/**
 * The catalog's readiness, and the shared store's when there is one: a Redis that does not answer leaves this replica
 * serving from memory and refreshing on its own, which `/readiness` reports as `degraded` (still 200), or as not ready
 * (503) when the operator chose `fail`.
 */
async function readiness(catalog: CatalogCache, onStoreLoss: StoreLossReadiness): Promise<Readiness> {
  const ready = catalogReadiness(catalog);
  const reachable = await catalog.storeReachable(STORE_PROBE_MS);
  if (reachable === null) return ready;
  if (reachable) return { status: ready.status, body: { ...ready.body, store: 'ok' } };
  const store = `unreachable: the shared Redis did not answer within ${STORE_PROBE_MS} ms`;
  if (onStoreLoss === 'fail')
    return { status: 503, body: { ...ready.body, store, reason: `the shared store is ${store}` } };
  return { status: ready.status, body: { ...ready.body, status: 'degraded', store } };
}

/**
 * `/readiness` for load balancers and orchestrators. Liveness stays with Yoga's own `/health`, which answers while
 * the process runs: a server without a catalog is alive (it says why in `catalog.lastError`), just not ready.
 */
export function useReadiness(catalog: CatalogCache, options: { onStoreLoss?: StoreLossReadiness } = {}): Plugin {
  return useReadinessCheck({
    endpoint: '/readiness',
    check: async ({ fetchAPI }) => {
      const { status, body } = await readiness(catalog, options.onStoreLoss ?? 'degraded');
      return new fetchAPI.Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    },
  });
}
