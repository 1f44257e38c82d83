import type { Config } from '../config.ts';
import type { Logger } from '../store/index.ts';
import type { RefreshSchedule } from '../graphql/index.ts';
import { createChangeHistory, type CatalogCache, type ChangeHistory, type RedisConnections } from '../store/index.ts';
import { CatalogUpdates, type UpdateEvent } from './catalog-updates.ts';
import { RefreshScheduler, type Timer } from './refresh-scheduler.ts';
import { createUpdateChannel, type UpdateChannel } from './update-channel.ts';
import { WebhookSender, type WebhookEvent } from './webhook-sender.ts';

export type LiveEvent =
  | UpdateEvent
  | WebhookEvent
  | { type: 'refresh-scheduled'; inMs: number }
  /** A stored history record failed validation and was set aside; the history goes on without it. */
  | { type: 'history-record-set-aside'; record: string; reason: string };

export interface LiveCatalogOptions {
  now?: () => number;
  /** The scheduler's timer and jitter source; tests fire refreshes by hand. */
  timer?: Timer;
  random?: () => number;
  /** How the webhook is posted and waits between attempts; tests inject time only. */
  webhookFetch?: typeof fetch;
  webhookSleep?: (ms: number) => Promise<void>;
  onEvent?: (event: LiveEvent) => void;
  logger?: Logger;
}

/** The living side of a catalog: its change history, the update feed, the webhook and the refresh schedule. */
export interface LiveCatalog {
  history: ChangeHistory;
  channel: UpdateChannel;
  updates: CatalogUpdates;
  webhook: WebhookSender | null;
  /** What the API says about the schedule. */
  scheduleStatus(): RefreshSchedule;
  /**
   * Resolves once the served snapshot's replacement is in the history. Before the first snapshot is served the
   * history has not even its baseline, so a feed read then would answer empty where `models` waits; this waits as
   * `models` does (the catalog's cold wait), then the feed is read as it stands, even if no snapshot came.
   */
  recorded(): Promise<void>;
}

/** What the live side is built on: the catalog it follows, and the app's Redis and lifecycle. */
export interface LiveCatalogParts {
  catalog: CatalogCache;
  /** The hash tag of the catalog's keys, which the history and the update channel share (one Cluster slot). */
  catalogKey: string;
  redis?: RedisConnections;
  /** Registers a close with the app's lifecycle, which runs them last registered first. */
  onClose: (name: string, close: () => void | Promise<void>) => void;
}

/** The catalog's change history; a stored record that fails validation is set aside, logged and told as an event. */
function historyOf(config: Config, parts: LiveCatalogParts, options: LiveCatalogOptions): ChangeHistory {
  return createChangeHistory({
    redis: parts.redis?.commands,
    catalogKey: parts.catalogKey,
    retention: config.changeRetention,
    onSetAside: (record, reason) => {
      options.logger?.warn({ record, reason }, 'change history: a stored record failed validation and was set aside');
      options.onEvent?.({ type: 'history-record-set-aside', record, reason });
    },
  });
}

function webhookOf(config: Config, options: LiveCatalogOptions): WebhookSender | null {
  if (!config.webhookUrl) return null;
  return new WebhookSender({
    url: config.webhookUrl,
    secret: config.webhookSecret,
    fetch: options.webhookFetch,
    sleep: options.webhookSleep,
    random: options.random,
    onEvent: options.onEvent,
  });
}

/**
 * Follows the catalog: each replacement is recorded, announced and posted, and refreshes run on schedule (unless the
 * interval is 0). Registers its closes with the app's lifecycle, so that on shutdown the schedule stops first, then the
 * last replacement is recorded, then the webhook and the subscriptions end.
 */
export function createLiveCatalog(
  config: Config,
  parts: LiveCatalogParts,
  options: LiveCatalogOptions = {},
): LiveCatalog {
  const { catalog, onClose } = parts;
  const history = historyOf(config, parts, options);
  const channel = createUpdateChannel({ redis: parts.redis, catalogKey: parts.catalogKey });
  onClose('update subscriptions', () => channel.endSubscriptions());
  const webhook = webhookOf(config, options);
  if (webhook) onClose('webhook', () => webhook.close());
  const updates = new CatalogUpdates({ history, channel, webhook, now: options.now, onEvent: options.onEvent });
  catalog.onReplace(updates.onReplace);
  onClose('catalog updates', () => updates.settled());
  const intervalSeconds = config.refreshIntervalSeconds ?? config.ttlSeconds;
  const scheduler =
    intervalSeconds === 0
      ? null
      : new RefreshScheduler({
          catalog,
          intervalMs: intervalSeconds * 1000,
          now: options.now,
          random: options.random,
          timer: options.timer,
          onScheduled: (inMs) => options.onEvent?.({ type: 'refresh-scheduled', inMs }),
        }).start();
  if (scheduler) onClose('refresh schedule', () => scheduler.stop());
  return {
    history,
    channel,
    updates,
    webhook,
    scheduleStatus: () => ({
      intervalSeconds: intervalSeconds === 0 ? null : intervalSeconds,
      nextRefreshAt: scheduler?.nextRefreshAt() ?? null,
    }),
    recorded: async () => {
      // The catalog's own error (CATALOG_UNAVAILABLE) is for `models`: the history may hold records all the same.
      await catalog.snapshot().catch(() => undefined);
      await updates.settled();
    },
  };
}
