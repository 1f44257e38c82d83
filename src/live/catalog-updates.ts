import {
  describeReplacement,
  MAX_CHANGES_PER_UPDATE,
  type CatalogSnapshot,
  type CatalogUpdate,
} from '../catalog/index.ts';
import type { ChangeHistory } from '../store/index.ts';
import type { UpdateChannel } from './update-channel.ts';
import type { WebhookSender } from './webhook-sender.ts';

export type UpdateEvent =
  | {
      type: 'changes-recorded';
      snapshotId: string;
      added: number;
      removed: number;
      updated: number;
      unconfirmed: number;
      baseline: boolean;
    }
  | { type: 'history-failed'; snapshotId: string; message: string }
  | { type: 'publish-failed'; snapshotId: string; message: string };

export interface CatalogUpdatesOptions {
  history: ChangeHistory;
  channel: UpdateChannel;
  webhook: WebhookSender | null;
  now?: () => number;
  onEvent?: (event: UpdateEvent) => void;
}

/**
 * What follows a replacement of the served snapshot, in the process that fetched it: the diff against the history's
 * unconfirmed ids, the record in the history, one event to subscribers, and a webhook POST when something changed.
 * Replacements are handled one at a time, in order, off the refresh's path.
 */
export class CatalogUpdates {
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: CatalogUpdatesOptions) {
    this.now = options.now ?? Date.now;
  }

  /** For `CatalogCache`'s `onReplace`: returns at once. */
  readonly onReplace = (previous: CatalogSnapshot | null, next: CatalogSnapshot): void => {
    this.chain = this.chain
      .then(() => this.handle(previous, next))
      .catch((error: unknown) => this.fail('history-failed', next.id, error));
  };

  /** Resolves when every replacement so far has been handled. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async handle(previous: CatalogSnapshot | null, next: CatalogSnapshot): Promise<void> {
    const head = await this.options.history.head().catch((error: unknown) => {
      this.fail('history-failed', next.id, error);
      return null;
    });
    if (head?.summary.id === next.id) return;
    // Strictly after the last record, so the feed's order by detection time is the order of replacement.
    const detectedAtMs = Math.max(this.now(), head ? Date.parse(head.summary.detectedAt) + 1 : 0);
    const { update, unconfirmed } = describeReplacement({
      previous,
      next,
      unconfirmed: head?.unconfirmed ?? new Map(),
      detectedAt: new Date(detectedAtMs).toISOString(),
    });
    try {
      await this.options.history.record(update, unconfirmed, this.now());
      this.emit({ type: 'changes-recorded', snapshotId: next.id, ...counts(update) });
    } catch (error) {
      this.fail('history-failed', next.id, error);
    }
    const announced = { ...update, changes: update.changes.slice(0, MAX_CHANGES_PER_UPDATE) };
    await this.options.channel
      .publish(announced)
      .catch((error: unknown) => this.fail('publish-failed', next.id, error));
    if (update.changes.length > 0) this.options.webhook?.send(announced);
  }

  private fail(type: 'history-failed' | 'publish-failed', snapshotId: string, error: unknown): void {
    this.emit({ type, snapshotId, message: error instanceof Error ? error.message : String(error) });
  }

  private emit(event: UpdateEvent): void {
    this.options.onEvent?.(event);
  }
}

function counts({ snapshot }: CatalogUpdate) {
  const { added, removed, updated, unconfirmed, baseline } = snapshot;
  return { added, removed, updated, unconfirmed, baseline };
}
