import type { ModelChangeDraft, ModelChangeKind, RoutingFields, SnapshotSummary } from '../catalog/index.ts';
import type { FeedPosition } from './change-feed-cursor.ts';

/** Changes of each kind, in `MODEL_CHANGE_KINDS` order. */
export type KindCounts = Readonly<Record<ModelChangeKind, number>>;

/** A summary as the history keeps it, with what the feed needs to count and page without reading every change. */
export interface StoredSummary extends SnapshotSummary {
  /** Changes of each kind recorded since the history began, this snapshot's included. */
  cumulative: KindCounts;
  /** Changes of this snapshot dropped by retention, from the start of its list. */
  dropped: number;
  /** Changes this snapshot had when recorded. */
  total: number;
}

export interface HistoryMeta {
  /** Changes of each kind dropped by retention, ever. */
  dropped: KindCounts;
  /** The newest change retention dropped; changes are dropped oldest first, so nothing at or before it is kept. */
  horizon: FeedPosition | null;
}

/**
 * Where one catalog's history lives: summaries ordered by `detectedAt`, each with its changes in `modelId` order.
 * The feed's logic is written once over this (see `ChangeHistory`); memory and Redis only store.
 */
export interface HistoryBackend {
  readonly kind: 'memory' | 'redis';
  /** Newest first. */
  newest(count: number): Promise<StoredSummary[]>;
  /** Oldest first, from those detected at or after `ms`. */
  from(ms: number, count: number): Promise<StoredSummary[]>;
  /** The newest summary detected at or before `ms`. */
  atOrBefore(ms: number): Promise<StoredSummary | null>;
  summaryCount(): Promise<number>;
  /**
   * Changes `start` up to `start + count` of a summary, counted from the first it ever had; null in the place of one
   * that was set aside for failing validation.
   */
  changes(summary: StoredSummary, start: number, count: number): Promise<(ModelChangeDraft | null)[]>;
  meta(): Promise<HistoryMeta>;
  unconfirmed(): Promise<Map<string, RoutingFields>>;
  append(
    summary: StoredSummary,
    changes: readonly ModelChangeDraft[],
    unconfirmed: ReadonlyMap<string, RoutingFields>,
  ): Promise<void>;
  /** Forgets the first `count` retained changes of `summary`; `meta` is the history's meta afterwards. */
  dropChanges(summary: StoredSummary, count: number, meta: HistoryMeta): Promise<void>;
  /** Forgets a summary whose changes are all dropped. */
  dropSummary(summary: StoredSummary): Promise<void>;
}

/** The history could not be read or written (Redis down, or holding something hubcat did not write). */
export class HistoryUnavailableError extends Error {
  override readonly name: string = 'HistoryUnavailableError';
}
