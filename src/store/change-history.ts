import {
  MODEL_CHANGE_KINDS,
  type CatalogUpdate,
  type ModelChange,
  type ModelChangeKind,
  type RoutingFields,
  type SnapshotSummary,
} from '../catalog/index.ts';
import {
  ChangeFeedInputError,
  comparePositions,
  decodeChangeCursor,
  encodeChangeCursor,
  sincePosition,
  type FeedPosition,
} from './change-feed-cursor.ts';
import {
  HistoryUnavailableError,
  type HistoryBackend,
  type HistoryMeta,
  type KindCounts,
  type StoredSummary,
} from './history-backend.ts';

/** How much history is kept: at most `maxChanges` changes, none older than `maxAgeMs`; whichever is smaller. */
export interface ChangeRetention {
  maxChanges: number;
  maxAgeMs: number;
}

export interface ChangeFeedRequest {
  /** Exclusive: only changes detected after this instant. */
  since?: string | null;
  /** Null or empty: every kind. */
  kinds?: readonly ModelChangeKind[] | null;
  first: number;
  after?: string | null;
}

export interface ChangeFeedEdge {
  cursor: string;
  node: ModelChange;
}

export interface ChangeFeedPage {
  edges: ChangeFeedEdge[];
  nodes: ModelChange[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Changes matching `since` and `kinds`, across all pages. */
  totalCount: number;
  /** Retention dropped changes that would have come after the requested start. */
  truncated: boolean;
}

/** The newest summary and the ids it left unconfirmed: what the next replacement is compared with. */
export interface HistoryHead {
  summary: SnapshotSummary;
  unconfirmed: Map<string, RoutingFields>;
}

const NO_CHANGES: KindCounts = { ADDED: 0, REMOVED: 0, UPDATED: 0 };
/** Summaries read per round trip while paging, and changes per read of one snapshot's list. */
const SUMMARY_BATCH = 20;
const CHANGE_CHUNK = 500;

/**
 * One catalog's history of snapshot summaries and model changes, over a memory or Redis backend: records each
 * replacement, keeps it within the retention, and pages the feed oldest first (by `detectedAt`, then `modelId`).
 */
export class ChangeHistory {
  constructor(
    private readonly backend: HistoryBackend,
    private readonly retention: ChangeRetention,
  ) {}

  get kind(): HistoryBackend['kind'] {
    return this.backend.kind;
  }

  async head(): Promise<HistoryHead | null> {
    const [summary] = await this.backend.newest(1);
    return summary ? { summary: publicSummary(summary), unconfirmed: await this.backend.unconfirmed() } : null;
  }

  /**
   * Appends a replacement; its `detectedAt` must be later than the newest summary's. Then drops what the retention
   * no longer allows, oldest first.
   */
  async record(update: CatalogUpdate, unconfirmed: ReadonlyMap<string, RoutingFields>, nowMs: number): Promise<void> {
    const [head] = await this.backend.newest(1);
    if (head && Date.parse(update.snapshot.detectedAt) <= Date.parse(head.detectedAt)) {
      throw new Error(`history: ${update.snapshot.id} is not newer than the recorded ${head.id}`);
    }
    const counts = countKinds(update.changes);
    const before = head?.cumulative ?? NO_CHANGES;
    const summary: StoredSummary = {
      ...update.snapshot,
      cumulative: {
        ADDED: before.ADDED + counts.ADDED,
        REMOVED: before.REMOVED + counts.REMOVED,
        UPDATED: before.UPDATED + counts.UPDATED,
      },
      dropped: 0,
      total: update.changes.length,
    };
    const drafts = update.changes.map(({ kind, modelId, fields }) => ({ kind, modelId, fields }));
    await this.backend.append(summary, drafts, unconfirmed);
    await this.prune(nowMs);
  }

  /** Newest first. */
  snapshots(first: number): Promise<SnapshotSummary[]> {
    return this.reading(async () => (await this.backend.newest(first)).map(publicSummary));
  }

  /**
   * One page of the feed.
   *
   * @throws {ChangeFeedInputError} for a cursor this history did not issue or a `since` that is not an instant.
   * @throws {HistoryUnavailableError} when the backend cannot be read.
   */
  page(request: ChangeFeedRequest): Promise<ChangeFeedPage> {
    return this.reading(() => this.readPage(request));
  }

  /** Failures of the backend surface as one error type naming where the history lives; bad input passes through. */
  private async reading<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof ChangeFeedInputError || error instanceof HistoryUnavailableError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new HistoryUnavailableError(`change history (${this.kind}) unavailable: ${message}`, { cause: error });
    }
  }

  private async readPage(request: ChangeFeedRequest): Promise<ChangeFeedPage> {
    const since = request.since == null ? null : sincePosition(request.since);
    const cursor = request.after == null ? null : decodeChangeCursor(request.after);
    const start = cursor && (!since || comparePositions(cursor, since) > 0) ? cursor : since;
    const kinds = new Set<ModelChangeKind>(request.kinds?.length ? request.kinds : MODEL_CHANGE_KINDS);
    const [edges, meta] = await Promise.all([this.scan(start, kinds, request.first + 1), this.backend.meta()]);
    const hasNextPage = edges.length > request.first;
    edges.length = Math.min(edges.length, request.first);
    const firstMatch = cursor ? (await this.scan(since, kinds, 1))[0] : undefined;
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: {
        hasNextPage,
        hasPreviousPage:
          cursor !== null && firstMatch !== undefined && comparePositions(positionOf(firstMatch), cursor) <= 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: await this.countAfter(since, kinds, meta),
      truncated: meta.horizon !== null && (start === null || comparePositions(start, meta.horizon) < 0),
    };
  }

  /** Up to `limit` changes of `kinds` strictly after `start`, in feed order. */
  private async scan(
    start: FeedPosition | null,
    kinds: ReadonlySet<ModelChangeKind>,
    limit: number,
  ): Promise<ChangeFeedEdge[]> {
    const edges: ChangeFeedEdge[] = [];
    let fromMs = start?.detectedAtMs ?? Number.NEGATIVE_INFINITY;
    for (;;) {
      const summaries = await this.backend.from(fromMs, SUMMARY_BATCH);
      for (const summary of summaries) {
        const first = firstIndexAfter(summary, start);
        if (first === null) continue;
        if (await this.collect(summary, first, start, kinds, edges, limit)) return edges;
      }
      if (summaries.length < SUMMARY_BATCH) return edges;
      fromMs = Date.parse(summaries.at(-1)!.detectedAt) + 1;
    }
  }

  /** Adds the summary's changes from index `first` on to `edges`; true once `limit` is reached. */
  private async collect(
    summary: StoredSummary,
    first: number,
    start: FeedPosition | null,
    kinds: ReadonlySet<ModelChangeKind>,
    edges: ChangeFeedEdge[],
    limit: number,
  ): Promise<boolean> {
    const detectedAtMs = Date.parse(summary.detectedAt);
    for (let index = first; index < summary.total; index += CHANGE_CHUNK) {
      const chunk = await this.backend.changes(summary, index, CHANGE_CHUNK);
      for (const [offset, draft] of chunk.entries()) {
        // A cursor without a usable index (its snapshot's list was trimmed meanwhile) is resumed by model id.
        const after = start?.detectedAtMs === detectedAtMs && start.modelId !== null ? start.modelId : null;
        if (draft === null || !kinds.has(draft.kind) || (after !== null && draft.modelId <= after)) continue;
        const position = { detectedAtMs, modelId: draft.modelId, snapshotId: summary.id, index: index + offset };
        edges.push({
          cursor: encodeChangeCursor(position),
          node: { ...draft, detectedAt: summary.detectedAt, snapshotId: summary.id },
        });
        if (edges.length >= limit) return true;
      }
      if (chunk.length < CHANGE_CHUNK) break;
    }
    return false;
  }

  /**
   * Changes of `kinds` after `since` that retention still holds, from the cumulative counts: the newest summary's,
   * less those up to `since` or those dropped, whichever are more.
   */
  private async countAfter(
    since: FeedPosition | null,
    kinds: ReadonlySet<ModelChangeKind>,
    meta: HistoryMeta,
  ): Promise<number> {
    const [newest] = await this.backend.newest(1);
    if (!newest) return 0;
    const upToSince = since
      ? ((await this.backend.atOrBefore(since.detectedAtMs))?.cumulative ?? NO_CHANGES)
      : NO_CHANGES;
    let total = 0;
    for (const kind of kinds) total += newest.cumulative[kind] - Math.max(upToSince[kind], meta.dropped[kind]);
    return total;
  }

  /**
   * Drops summaries past the retention (age, or more summaries than changes allowed), oldest first, then the oldest
   * changes while more are kept than allowed or they are too old. The newest summary always stays: the next
   * replacement is compared with it.
   */
  private async prune(nowMs: number): Promise<void> {
    const cutoffMs = nowMs - this.retention.maxAgeMs;
    for (;;) {
      const [[oldest], [newest], count] = await Promise.all([
        this.backend.from(Number.NEGATIVE_INFINITY, 1),
        this.backend.newest(1),
        this.backend.summaryCount(),
      ]);
      if (!oldest || !newest || oldest.id === newest.id) break;
      if (Date.parse(oldest.detectedAt) >= cutoffMs && count <= this.retention.maxChanges) break;
      await this.dropChanges(oldest, oldest.total - oldest.dropped);
      await this.backend.dropSummary(oldest);
    }
    await this.pruneChanges(cutoffMs);
  }

  private async pruneChanges(cutoffMs: number): Promise<void> {
    const [newest] = await this.backend.newest(1);
    if (!newest) return;
    let excess =
      sumKinds(newest.cumulative) - sumKinds((await this.backend.meta()).dropped) - this.retention.maxChanges;
    let fromMs = Number.NEGATIVE_INFINITY;
    for (;;) {
      const summaries = await this.backend.from(fromMs, SUMMARY_BATCH);
      for (const summary of summaries) {
        const expired = Date.parse(summary.detectedAt) < cutoffMs;
        if (!expired && excess <= 0) return;
        const drop = expired ? summary.total - summary.dropped : Math.min(excess, summary.total - summary.dropped);
        if (drop > 0) await this.dropChanges(summary, drop);
        excess -= drop;
      }
      if (summaries.length < SUMMARY_BATCH) return;
      fromMs = Date.parse(summaries.at(-1)!.detectedAt) + 1;
    }
  }

  private async dropChanges(summary: StoredSummary, count: number): Promise<void> {
    if (count <= 0) return;
    const meta = await this.backend.meta();
    const gone = await this.backend.changes(summary, summary.dropped, count);
    const dropped = { ...meta.dropped };
    for (const change of gone) if (change !== null) dropped[change.kind]++;
    const last = gone.findLast((change) => change !== null);
    const horizon = last ? { detectedAtMs: Date.parse(summary.detectedAt), modelId: last.modelId } : meta.horizon;
    await this.backend.dropChanges(summary, gone.length, { dropped, horizon });
  }
}

/** The first index of the summary's list that lies after `start`, or null when the whole summary does not. */
function firstIndexAfter(summary: StoredSummary, start: FeedPosition | null): number | null {
  const detectedAtMs = Date.parse(summary.detectedAt);
  if (start === null || detectedAtMs > start.detectedAtMs) return summary.dropped;
  if (detectedAtMs < start.detectedAtMs || start.modelId === null) return null;
  const resumable = start.snapshotId === summary.id && start.index !== undefined;
  return resumable ? Math.max(summary.dropped, start.index! + 1) : summary.dropped;
}

function positionOf(edge: ChangeFeedEdge): FeedPosition {
  return { detectedAtMs: Date.parse(edge.node.detectedAt), modelId: edge.node.modelId };
}

function countKinds(changes: readonly { kind: ModelChangeKind }[]): KindCounts {
  const counts = { ...NO_CHANGES };
  for (const change of changes) counts[change.kind]++;
  return counts;
}

const sumKinds = (counts: KindCounts) => counts.ADDED + counts.REMOVED + counts.UPDATED;

function publicSummary(summary: StoredSummary): SnapshotSummary {
  const { id, fetchedAt, detectedAt, size, complete, previousId, baseline, added, removed, updated, unconfirmed } =
    summary;
  return { id, fetchedAt, detectedAt, size, complete, previousId, baseline, added, removed, updated, unconfirmed };
}
