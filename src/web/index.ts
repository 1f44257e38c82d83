/** The dashboard: a page at `/` built from `src/web/page/`, served by hubcat beside its GraphQL API. */
export { DASHBOARD_CSP, serveDashboard, type RequestListener } from './serve-dashboard.ts';
