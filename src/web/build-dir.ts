/** Where `npm run build:web` writes the dashboard and where the server reads it from; never committed. */
export const DASHBOARD_BUILD_DIR = new URL('../../dist/web/', import.meta.url);
