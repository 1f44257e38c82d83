/** The dashboard: a page at `/` built from `src/web/page/`, served by hubcat beside its GraphQL API. */
export { serveDashboard } from './serve-dashboard.ts';
