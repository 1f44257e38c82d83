/** A runnable hubcat: its parts wired from the configuration, and the HTTP server around them. */
export { createApp, fetchPlanOf, type App, type AppOptions } from './create-app.ts';
export { listen, type RunningServer } from './http-server.ts';
export type { AppLogger } from './app-logger.ts';
/** CORS and security headers; `securityHeaders` for a page served beside the API. */
export { httpSecurity, securityHeaders, type CorsOrigins } from './http-security.ts';
