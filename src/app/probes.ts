import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import type { CatalogCache } from '../store/index.ts';

/** What `/readiness` answers: 200 once a snapshot is held (whatever came after it), 503 with the reason before. */
function readiness(catalog: CatalogCache): { status: 200 | 503; body: Record<string, unknown> } {
  const snapshot = catalog.held();
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
 * `/readiness` for load balancers and orchestrators. Liveness stays with Yoga's own `/health`, which answers while
 * the process runs: a server without a catalog is alive (it says why in `catalog.lastError`), just not ready.
 */
export function useReadiness(catalog: CatalogCache): Plugin {
  return useReadinessCheck({
    endpoint: '/readiness',
    check: ({ fetchAPI }) => {
      const { status, body } = readiness(catalog);
      return new fetchAPI.Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    },
  });
}
