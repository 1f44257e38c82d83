import type { Config } from '../config.ts';
import type { AppLogger } from './app-logger.ts';
import type { RefreshSchedule } from '../graphql/index.ts';
import { createChangeHistory, type CatalogCache, type ChangeHistory } from '../store/index.ts';
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
  logger?: AppLogger;
}

/** The living side of a catalog: its change history, the update feed, the webhook and the refresh schedule. */
export interface LiveCatalog {
  history: ChangeHistory;
  channel: UpdateChannel;
  updates: CatalogUpdates;
  webhook: WebhookSender | null;
  /** Starts the scheduled refreshes (unless the interval is 0). */
  schedule(catalog: CatalogCache): void;
  /** What the API says about the schedule. */
  scheduleStatus(): RefreshSchedule;
  close(): Promise<void>;
}

/** The catalog's change history; a stored record that fails validation is set aside, logged and told as an event. */
function historyOf(config: Config, catalogKey: string, options: LiveCatalogOptions): ChangeHistory {
  return createChangeHistory({
    cacheUrl: config.cacheUrl,
    cacheMode: config.cacheMode,
    catalogKey,
    retention: config.changeRetention,
    onSetAside: (record, reason) => {
      options.logger?.warn({ record, reason }, 'change history: a stored record failed validation and was set aside');
      options.onEvent?.({ type: 'history-record-set-aside', record, reason });
    },
  });
}

export function createLiveCatalog(config: Config, catalogKey: string, options: LiveCatalogOptions = {}): LiveCatalog {
  const { cacheUrl, cacheMode } = config;
  const history = historyOf(config, catalogKey, options);
  const channel = createUpdateChannel({ cacheUrl, cacheMode, catalogKey });
  const webhook = config.webhookUrl
    ? new WebhookSender({
        url: config.webhookUrl,
        secret: config.webhookSecret,
        fetch: options.webhookFetch,
        sleep: options.webhookSleep,
        random: options.random,
        onEvent: options.onEvent,
      })
    : null;
  const updates = new CatalogUpdates({ history, channel, webhook, now: options.now, onEvent: options.onEvent });
  const intervalSeconds = config.refreshIntervalSeconds ?? config.ttlSeconds;
  let scheduler: RefreshScheduler | null = null;
  return {
    history,
    channel,
    updates,
    webhook,
    schedule: (catalog) => {
      if (intervalSeconds === 0) return;
      scheduler = new RefreshScheduler({
        catalog,
        intervalMs: intervalSeconds * 1000,
        now: options.now,
        random: options.random,
        timer: options.timer,
        onScheduled: (inMs) => options.onEvent?.({ type: 'refresh-scheduled', inMs }),
      }).start();
    },
    scheduleStatus: () => ({
      intervalSeconds: intervalSeconds === 0 ? null : intervalSeconds,
      nextRefreshAt: scheduler?.nextRefreshAt() ?? null,
    }),
    close: async () => {
      await scheduler?.stop();
      await updates.settled();
      await webhook?.close();
      await Promise.all([history.close(), channel.close()]);
    },
  };
}
