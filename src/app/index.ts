/** A runnable hubcat: its parts wired from the configuration, and the HTTP server around them. */
export { createApp, fetchPlanOf, routerClientOf, type App, type AppOptions } from './create-app.ts';
export { listen, type RunningServer } from './http-server.ts';
export { RefreshScheduler, nextRefreshDelayMs, REFRESH_JITTER, type Timer } from './refresh-scheduler.ts';
export {
  WebhookSender,
  signWebhookBody,
  webhookRetryDelayMs,
  SIGNATURE_HEADER,
  WEBHOOK_ATTEMPTS,
  type WebhookEvent,
  type WebhookCounters,
} from './webhook-sender.ts';
export { createLiveCatalog, type LiveCatalog, type LiveEvent } from './live-catalog.ts';
export { CatalogUpdates, type UpdateEvent } from './catalog-updates.ts';
export { createUpdateChannel, updateTopic, type UpdateChannel } from './update-channel.ts';
/** CORS and security headers of every response. */
export { httpSecurity } from './http-security.ts';
