import type { CatalogSnapshot } from '../catalog/index.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/** What the API says about the catalog it serves. */
export interface CatalogStatus {
  size: number;
  fetchedAt: string | null;
  ageSeconds: number | null;
  ttlSeconds: number;
  stale: boolean;
  refreshing: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  upstream: string;
}

export interface CatalogCacheOptions {
  store: SnapshotStore;
  /** The store key of this fetch plan's snapshot (see `snapshotKey`). */
  key: string;
  ttlSeconds: number;
  /** Runs one fetch; the cache decides when. */
  fetchSnapshot: () => Promise<CatalogSnapshot>;
  /** Shown as `upstream` in the status, e.g. the emulator's label. */
  upstreamLabel: string;
  /** After a failed refresh, wait this long before the next attempt, so a down Hub is not hit on every query. */
  retryAfterFailureMs?: number;
  now?: () => number;
  onEvent?: (event: CacheEvent) => void;
  /**
   * Called when a snapshot this process fetched replaces the served one (`previous` is null for the first); not for
   * snapshots adopted from the store, so that only the replica that fetched reports the change.
   */
  onReplace?: (previous: CatalogSnapshot | null, next: CatalogSnapshot) => void;
}

export type RefreshReason = 'cold' | 'stale' | 'forced' | 'scheduled';

export type CacheEvent =
  | { type: 'fetch-started'; reason: RefreshReason }
  | { type: 'snapshot-replaced'; snapshotId: string; size: number }
  | { type: 'snapshot-kept'; reason: string }
  | { type: 'fetch-failed'; message: string };

/** No snapshot exists yet and the fetch that should make one failed. */
export class CatalogUnavailableError extends Error {
  override readonly name = 'CatalogUnavailableError';
}

/**
 * Serves the catalog snapshot of one fetch plan: fetches it on first use, shares one fetch among concurrent callers,
 * serves a stale snapshot while a single background refresh runs, and never lets a failed or worse refresh replace
 * a good snapshot.
 */
export class CatalogCache {
  private current: CatalogSnapshot | null = null;
  private inflight: Promise<CatalogSnapshot> | null = null;
  private coldLoad: Promise<CatalogSnapshot> | null = null;
  private lastError: { message: string; at: number } | null = null;
  /** Refreshes in a row that failed or were kept out; each doubles the pause before the next attempt. */
  private failureStreak = 0;
  private readonly now: () => number;

  constructor(private readonly options: CatalogCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The snapshot to answer from now; starts a fetch only when none exists or the one held is stale. */
  async snapshot(): Promise<CatalogSnapshot> {
    if (!this.current) {
      if (this.recentlyFailed() && !this.coldLoad) {
        throw new CatalogUnavailableError(`no catalog yet: ${this.lastError!.message}`);
      }
      this.coldLoad ??= this.loadCold().finally(() => {
        this.coldLoad = null;
      });
      return this.coldLoad;
    }
    if (this.isStale(this.current) && !this.inflight && !this.recentlyFailed()) {
      void this.refresh('stale').catch(() => {});
    }
    return this.current;
  }

  /** Fetches now (joining a fetch already running) and returns the snapshot served afterwards. */
  refresh(reason: RefreshReason = 'forced'): Promise<CatalogSnapshot> {
    this.inflight ??= this.runFetch(reason).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** The snapshot served now, without starting a fetch; null until the first one is held. For probes and metrics. */
  held(): CatalogSnapshot | null {
    return this.current;
  }

  /** The id of the snapshot being served now, or null before the first; synchronous, for per-request cache keys. */
  servedSnapshotId(): string | null {
    return this.current?.id ?? null;
  }

  status(): CatalogStatus {
    const current = this.current;
    const ageMs = current ? this.now() - Date.parse(current.fetchedAt) : null;
    return {
      size: current?.models.size ?? 0,
      fetchedAt: current?.fetchedAt ?? null,
      ageSeconds: ageMs === null ? null : Math.max(0, Math.floor(ageMs / 1000)),
      ttlSeconds: this.options.ttlSeconds,
      stale: current ? this.isStale(current) : false,
      refreshing: this.inflight !== null,
      lastError: this.lastError?.message ?? null,
      lastErrorAt: this.lastError ? new Date(this.lastError.at).toISOString() : null,
      upstream: this.options.upstreamLabel,
    };
  }

  /** Resolves when no fetch is running; for orderly shutdown and tests. */
  async settled(): Promise<void> {
    while (this.inflight) await this.inflight.catch(() => {});
  }

  private async loadCold(): Promise<CatalogSnapshot> {
    const stored = await this.readStore();
    if (stored && this.adopt(stored)) return this.snapshot();
    if (this.current) return this.current;
    return this.refresh('cold');
  }

  /**
   * Takes a snapshot found in the store (left by an earlier run or another replica) when nothing is held yet, or when
   * it is newer than the one held and would be allowed to replace it.
   */
  private adopt(stored: CatalogSnapshot): boolean {
    const current = this.current;
    if (
      current &&
      (stored.id === current.id ||
        Date.parse(stored.fetchedAt) <= Date.parse(current.fetchedAt) ||
        whyKeep(current, stored))
    ) {
      return false;
    }
    this.current = stored;
    return true;
  }

  /**
   * The scheduler's refresh, which never rejects: loads the catalog when none is held; adopts a snapshot another
   * replica stored less than `freshWithinMs` ago instead of fetching; otherwise fetches, joining a fetch already
   * running. Does nothing while the pause after a failure lasts (see `retryPauseMs`).
   */
  async scheduledRefresh(freshWithinMs: number): Promise<void> {
    if (this.inflight) {
      await this.inflight.catch(() => {});
      return;
    }
    if (this.retryPauseMs() > 0) return;
    if (!this.current) {
      await this.snapshot().catch(() => {});
      return;
    }
    const stored = await this.readStore();
    if (stored && this.now() - Date.parse(stored.fetchedAt) < freshWithinMs && this.adopt(stored)) return;
    await this.refresh('scheduled').catch(() => {});
  }

  /** How long the pause after failed refreshes still lasts; 0 when an attempt may start now. */
  retryPauseMs(): number {
    if (this.failureStreak === 0 || this.lastError === null) return 0;
    const first = this.options.retryAfterFailureMs ?? 30_000;
    const pause = Math.min(this.options.ttlSeconds * 1000, first * 2 ** (this.failureStreak - 1));
    return Math.max(0, this.lastError.at + pause - this.now());
  }

  private async runFetch(reason: RefreshReason): Promise<CatalogSnapshot> {
    // Another replica sharing the store may have refreshed already.
    const stored = reason === 'stale' ? await this.readStore() : undefined;
    if (stored && !this.isStale(stored) && this.adopt(stored)) return stored;
    this.emit({ type: 'fetch-started', reason });
    let next: CatalogSnapshot;
    try {
      next = await this.options.fetchSnapshot();
    } catch (error) {
      const message = `refresh failed: ${messageOf(error)}`;
      this.recordFailure(message);
      this.emit({ type: 'fetch-failed', message });
      if (this.current) return this.current;
      throw new CatalogUnavailableError(`no catalog yet: ${message}`, { cause: error });
    }
    const rejection = this.current ? whyKeep(this.current, next) : null;
    if (rejection) {
      this.recordFailure(rejection);
      this.emit({ type: 'snapshot-kept', reason: rejection });
      return this.current!;
    }
    const previous = this.current;
    this.current = next;
    this.failureStreak = 0;
    this.lastError =
      next.report.errors.length > 0
        ? { message: `partial fetch: ${next.report.errors.join('; ')}`, at: this.now() }
        : null;
    await this.options.store.set(this.options.key, next, this.retentionMs()).catch((error: unknown) => {
      this.recordError(
        `snapshot store (${this.options.store.kind}) refused the new snapshot, serving it from memory: ` +
          messageOf(error),
      );
    });
    this.emit({ type: 'snapshot-replaced', snapshotId: next.id, size: next.models.size });
    this.options.onReplace?.(previous, next);
    return next;
  }

  /** A store that cannot be read is reported, not fatal: the catalog can still be fetched and served from memory. */
  private async readStore(): Promise<CatalogSnapshot | undefined> {
    try {
      return await this.options.store.get(this.options.key);
    } catch (error) {
      this.recordError(`snapshot store (${this.options.store.kind}) unavailable: ${messageOf(error)}`);
      return undefined;
    }
  }

  private isStale(snapshot: CatalogSnapshot): boolean {
    return this.now() - Date.parse(snapshot.fetchedAt) > this.options.ttlSeconds * 1000;
  }

  /** A failing upstream is retried after 30 s, then 60 s, 120 s… up to the TTL, not on every stale query. */
  private recentlyFailed(): boolean {
    return this.retryPauseMs() > 0;
  }

  /** Stale snapshots stay in the store well past their TTL, so a restart can serve them while it refreshes. */
  private retentionMs(): number {
    return Math.max(this.options.ttlSeconds * 24, 86_400) * 1000;
  }

  private recordError(message: string): void {
    this.lastError = { message, at: this.now() };
  }

  private recordFailure(message: string): void {
    this.failureStreak++;
    this.recordError(message);
  }

  private emit(event: CacheEvent): void {
    this.options.onEvent?.(event);
  }
}

/** Why a freshly fetched snapshot must not replace the one being served, or null when it may. */
export function whyKeep(current: CatalogSnapshot, next: CatalogSnapshot): string | null {
  if (next.report.errors.length > 0) {
    return (
      `refresh had failures (${next.report.errors.join('; ')}); ` +
      `still serving snapshot ${current.id} from ${current.fetchedAt}`
    );
  }
  if (current.report.complete && !next.report.complete) {
    return (
      `refresh came back incomplete (${next.models.size} models, no proof of completeness); ` +
      `still serving the complete snapshot ${current.id} (${current.models.size} models) from ${current.fetchedAt}`
    );
  }
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
