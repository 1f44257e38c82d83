/** What happened to one model between two snapshots; the feed's closed set of kinds. */
export const MODEL_CHANGE_KINDS = ['ADDED', 'REMOVED', 'UPDATED'] as const;
export type ModelChangeKind = (typeof MODEL_CHANGE_KINDS)[number];

/** One routing field of a model before and after; `null` where the model (or the field) was absent. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** A change the diff found, before the history gives it a time and a place in the feed. */
export interface ModelChangeDraft {
  kind: ModelChangeKind;
  modelId: string;
  fields: FieldChange[];
}

/** A change as the feed serves it: ordered by `detectedAt`, then `modelId`. */
export interface ModelChange extends ModelChangeDraft {
  detectedAt: string;
  snapshotId: string;
}

/** One snapshot that replaced the served one, and what changed with it. */
export interface SnapshotSummary {
  id: string;
  fetchedAt: string;
  /** When the change was recorded; strictly increasing from one summary to the next of a catalog. */
  detectedAt: string;
  size: number;
  complete: boolean;
  /** The snapshot it was compared with; null for a baseline. */
  previousId: string | null;
  /** Nothing to compare with (the first snapshot ever, or the previous one was gone): no changes recorded. */
  baseline: boolean;
  added: number;
  removed: number;
  updated: number;
  /** Ids missing from an incomplete snapshot that may still be served: not reported as removed. */
  unconfirmed: number;
}

/**
 * Most changes one update carries to subscribers and the webhook; the summary still counts them all, and the feed
 * (`changes(since:)`) pages through every one. Keeps a pub/sub message and a POST body within a few hundred kB.
 */
export const MAX_CHANGES_PER_UPDATE = 1000;

/** A snapshot summary and its changes, in `modelId` order: the unit that is recorded, published and posted. */
export interface CatalogUpdate {
  snapshot: SnapshotSummary;
  changes: ModelChange[];
}
