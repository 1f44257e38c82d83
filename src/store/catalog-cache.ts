import type { CatalogSnapshot } from '../catalog/index.ts';
import { whyKeep, whyRefuseStored } from './acceptance.ts';
import { withDeadline } from './deadline.ts';
import { silentLogger, type Logger } from './logger.ts';
import { StoreHealth } from './store-health.ts';
import { SnapshotRejectedError } from './stored-snapshot.ts';
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
  /** How long a query waits for the first snapshot before it is told the catalog is unavailable; default 10 s. */
  coldWaitMs?: number;
  /** Longest one store call may take before the store counts as unavailable; default 2 s. */
  storeTimeoutMs?: number;
  now?: () => number;
  logger?: Logger;
  onEvent?: (event: CacheEvent) => void;
}

export type CacheEvent =
  | { type: 'fetch-started'; reason: 'cold' | 'stale' | 'forced' }
  | { type: 'snapshot-replaced'; snapshotId: string; size: number }
  | { type: 'snapshot-kept'; reason: string }
  | { type: 'snapshot-rejected'; reason: string }
  | { type: 'fetch-failed'; message: string }
  | { type: 'store-unavailable'; message: string }
  | { type: 'store-recovered' };

/** No snapshot exists yet and the fetch that should make one failed, or has not finished in time. */
export class CatalogUnavailableError extends Error {
  override readonly name = 'CatalogUnavailableError';
}

type FetchReason = 'cold' | 'stale' | 'forced';

/**
 * Serves the catalog snapshot of one fetch plan: fetches it on first use, shares one fetch among concurrent callers,
 * serves a stale snapshot while a single background refresh runs, and never lets a failed or worse refresh — or an
 * invalid or implausible stored value — replace a good snapshot.
 */
export class CatalogCache {
  private current: CatalogSnapshot | null = null;
  private inflight: Promise<CatalogSnapshot> | null = null;
  private coldLoad: Promise<CatalogSnapshot> | null = null;
  private lastError: { message: string; at: number } | null = null;
  /** Counts recorded errors, so a refresh clears only what went wrong before it began. */
  private errorCount = 0;
  /** Refreshes in a row that failed or were kept out; each doubles the pause before the next attempt. */
  private failureStreak = 0;
  private lastFailureAt = 0;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly health: StoreHealth;

  constructor(private readonly options: CatalogCacheOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.health = new StoreHealth(`snapshot store (${options.store.kind})`, this.logger, this.now);
  }

  /** The snapshot to answer from now; starts a fetch only when none exists or the one held is stale. */
  async snapshot(): Promise<CatalogSnapshot> {
    if (!this.current) {
      if (this.recentlyFailed() && !this.coldLoad) {
        throw new CatalogUnavailableError(`no catalog yet: ${this.lastError?.message ?? 'the last fetch failed'}`);
      }
      this.coldLoad ??= this.loadCold().finally(() => {
        this.coldLoad = null;
      });
      return this.awaitCold(this.coldLoad);
    }
    if (this.isStale(this.current) && !this.inflight && !this.recentlyFailed()) {
      void this.refresh('stale').catch(() => {});
    }
    return this.current;
  }

  /** Fetches now (joining a fetch already running) and returns the snapshot served afterwards. */
  refresh(reason: FetchReason = 'forced', errorsBefore = this.errorCount): Promise<CatalogSnapshot> {
    this.inflight ??= this.runFetch(reason, errorsBefore).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
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

  /** A cold query waits for the first snapshot only so long; the fetch goes on and a later query gets its result. */
  private async awaitCold(load: Promise<CatalogSnapshot>): Promise<CatalogSnapshot> {
    const waitMs = this.options.coldWaitMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new CatalogUnavailableError(`no catalog yet: the first fetch is still running after ${waitMs / 1000} s`),
        );
      }, waitMs);
    });
    try {
      return await Promise.race([load, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async loadCold(): Promise<CatalogSnapshot> {
    const errorsBefore = this.errorCount;
    const stored = await this.readStore();
    if (stored && this.adopt(stored)) return this.snapshot();
    if (this.current) return this.current;
    return this.refresh('cold', errorsBefore);
  }

  /**
   * Takes a snapshot found in the store (left by an earlier run or another replica) when nothing is held yet, or when
   * it is newer than the one held and would be allowed to replace it.
   */
  private adopt(stored: CatalogSnapshot): boolean {
    const current = this.current;
    if (current && (stored.id === current.id || Date.parse(stored.fetchedAt) <= Date.parse(current.fetchedAt))) {
      return false;
    }
    const refusal = current ? whyRefuseStored(current, stored) : null;
    if (refusal) {
      this.rejectStored(`snapshot ${stored.id}: ${refusal}`);
      return false;
    }
    this.current = stored;
    return true;
  }

  private async runFetch(reason: FetchReason, errorsBefore: number): Promise<CatalogSnapshot> {
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
    this.serve(next, errorsBefore);
    await this.writeStore(next);
    this.emit({ type: 'snapshot-replaced', snapshotId: next.id, size: next.models.size });
    return next;
  }

  /** Makes `next` the snapshot served; clears the last error unless something went wrong since `errorsBefore`. */
  private serve(next: CatalogSnapshot, errorsBefore: number): void {
    this.current = next;
    this.failureStreak = 0;
    if (next.report.errors.length > 0) {
      this.recordError(`partial fetch: ${next.report.errors.join('; ')}`);
    } else if (this.errorCount === errorsBefore) {
      this.lastError = null;
    }
  }

  /**
   * A store that cannot be read is reported, not fatal: the catalog can still be fetched and served from memory. A
   * value that is not a valid snapshot is reported too, and treated as absent.
   */
  private async readStore(): Promise<CatalogSnapshot | undefined> {
    try {
      return await this.callStore(() => this.options.store.get(this.options.key), 'read');
    } catch (error) {
      if (error instanceof SnapshotRejectedError) this.rejectStored(error.message);
      else this.storeUnavailable(error);
      return undefined;
    }
  }

  private async writeStore(snapshot: CatalogSnapshot): Promise<void> {
    try {
      await this.callStore(() => this.options.store.set(this.options.key, snapshot, this.retentionMs()), 'write');
    } catch (error) {
      this.storeUnavailable(error, 'refused the new snapshot, serving it from memory');
    }
  }

  /** Runs one store call under the store deadline, keeping track of whether the store answers. */
  private async callStore<T>(call: () => Promise<T>, what: string): Promise<T> {
    const label = `snapshot store (${this.options.store.kind})`;
    try {
      const result = await withDeadline(call(), this.options.storeTimeoutMs ?? 2000, `${label} ${what}`);
      if (this.health.answered()) this.emit({ type: 'store-recovered' });
      return result;
    } catch (error) {
      if (error instanceof SnapshotRejectedError) {
        if (this.health.answered()) this.emit({ type: 'store-recovered' });
      } else if (this.health.failed(messageOf(error))) {
        this.emit({ type: 'store-unavailable', message: messageOf(error) });
      }
      throw error;
    }
  }

  private storeUnavailable(error: unknown, consequence = 'unavailable'): void {
    this.recordError(`snapshot store (${this.options.store.kind}) ${consequence}: ${messageOf(error)}`);
  }

  private rejectStored(reason: string): void {
    const message = `stored snapshot rejected: ${reason}`;
    this.recordError(message);
    this.logger.warn({ reason }, 'stored snapshot rejected; it will be replaced by the next good fetch');
    this.emit({ type: 'snapshot-rejected', reason });
  }

  private isStale(snapshot: CatalogSnapshot): boolean {
    return this.now() - Date.parse(snapshot.fetchedAt) > this.options.ttlSeconds * 1000;
  }

  /** A failing upstream is retried after 30 s, then 60 s, 120 s… up to the TTL, not on every stale query. */
  private recentlyFailed(): boolean {
    if (this.failureStreak === 0) return false;
    const first = this.options.retryAfterFailureMs ?? 30_000;
    const pause = Math.min(this.options.ttlSeconds * 1000, first * 2 ** (this.failureStreak - 1));
    return this.now() - this.lastFailureAt < pause;
  }

  /** Stale snapshots stay in the store well past their TTL, so a restart can serve them while it refreshes. */
  private retentionMs(): number {
    return Math.max(this.options.ttlSeconds * 24, 86_400) * 1000;
  }

  private recordError(message: string): void {
    this.errorCount++;
    this.lastError = { message, at: this.now() };
  }

  private recordFailure(message: string): void {
    this.failureStreak++;
    this.lastFailureAt = this.now();
    this.recordError(message);
  }

  private emit(event: CacheEvent): void {
    this.options.onEvent?.(event);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
