/**
 * The living catalog: what follows each replacement of the served snapshot (its changes recorded, announced to
 * subscribers and posted to the webhook) and the refresh schedule. Built by the app over its catalog and Redis.
 */
export { createLiveCatalog, type LiveCatalog, type LiveCatalogOptions, type LiveEvent } from './live-catalog.ts';
export type { Timer } from './refresh-scheduler.ts';
export { updateTopic } from './update-channel.ts';
export { signWebhookBody, type WebhookEvent } from './webhook-sender.ts';
