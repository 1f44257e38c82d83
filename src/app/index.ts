/** A runnable hubcat: its parts wired from the configuration, and the HTTP server around them. */
export { createApp, fetchPlanOf, routerClientOf, type App, type AppOptions } from './create-app.ts';
export { listen, type RunningServer } from './http-server.ts';
/** CORS and security headers of every response. */
export { httpSecurity } from './http-security.ts';
