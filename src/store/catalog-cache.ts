import type { CatalogSnapshot } from '../catalog/index.ts';
import { whyKeep, whyRefuseStored } from './acceptance.ts';
import type { AdoptionRoute } from './adopter.ts';
import type { CacheEvent, RefreshReason } from './cache-events.ts';
import { describeCatalog, isStale, type CatalogStatus } from './catalog-status.ts';
import type { StoredSnapshot } from './chunked-snapshot-store.ts';
import { Coordinator, UNAVAILABLE } from './coordinator.ts';
import { withDeadline } from '../deadline.ts';
import { ErrorLog } from './error-log.ts';
import { silentLogger, type Logger } from './logger.ts';
import type { LeaseGrant } from './refresh-lease.ts';
import type { SharedCatalog } from './shared-catalog.ts';
import { SnapshotRejectedError } from './stored-snapshot.ts';
import { Wakeups } from './wakeups.ts';

export interface CatalogCacheOptions {
  /** The catalog in Redis, shared with other replicas; without it the catalog lives in this process only. */
  shared?: SharedCatalog;
  ttlSeconds: number;
  /** Runs one fetch; the cache decides when. */
  fetchSnapshot: () => Promise<CatalogSnapshot>;
  /** Shown as `upstream` in the status, e.g. the emulator's label. */
  upstreamLabel: string;
  /** Shown as `refreshedBy` of what this replica fetches (the shared catalog's replica id when there is one). */
  replicaId?: string;
  /** After a failed refresh, wait this long before the next attempt, so a down Hub is not hit on every query. */
  retryAfterFailureMs?: number;
  /** How long a query waits for the first snapshot before it is told the catalog is unavailable; default 10 s. */
  coldWaitMs?: number;
  now?: () => number;
  logger?: Logger;
  onEvent?: (event: CacheEvent) => void;
  /**
   * Readies a snapshot for queries (the query engine's indexes) before it is served, fetched here or adopted, so the
   * first query after a refresh does not pay for it; the snapshot served until then stays served meanwhile. Each
   * time emits `snapshot-prepared`.
   */
  prepare?: (snapshot: CatalogSnapshot) => Promise<void> | void;
}

type ReplacementListener = (previous: CatalogSnapshot | null, next: CatalogSnapshot) => void;

/** No snapshot exists yet and the fetch that should make one failed, or has not finished in time. */
export class CatalogUnavailableError extends Error {
  override readonly name = 'CatalogUnavailableError';
}

/**
 * Serves the catalog snapshot of one fetch plan: fetches it on first use, shares one fetch among concurrent callers,
 * serves a stale snapshot while a single background refresh runs, and never lets a failed or worse refresh — or an
 * invalid or implausible stored snapshot — replace a good one. With a shared catalog, only the replica holding the
 * refresh lease crawls; the others adopt what it publishes.
 */
export class CatalogCache {
  #current: StoredSnapshot | null = null;
  #inflight: Promise<CatalogSnapshot> | null = null;
  #coldLoad: Promise<CatalogSnapshot> | null = null;
  /** While another replica holds the lease (by this process' monotonic clock), stale queries do not ask again. */
  #leaderBusyUntil = 0;
  readonly #adoptions = new Wakeups();
  readonly #errors: ErrorLog;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #replicaId: string;
  readonly #coordinator: Coordinator | null;
  readonly #replacementListeners: ReplacementListener[] = [];

  constructor(private readonly options: CatalogCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
    this.#errors = new ErrorLog(this.#now);
    this.#replicaId = options.shared?.replicaId ?? options.replicaId ?? 'this process';
    this.#coordinator = options.shared ? this.coordinatorFor(options.shared) : null;
  }

  /**
   * Calls `listener` when a snapshot this process fetched replaces the served one (`previous` is null for the first);
   * not for snapshots adopted from the store, so that only the replica that fetched reports the change.
   */
  onReplace(listener: ReplacementListener): void {
    this.#replacementListeners.push(listener);
  }

  /** The snapshot to answer from now; starts a fetch only when none exists or the one held is stale. */
  async snapshot(): Promise<CatalogSnapshot> {
    const current = this.#current?.snapshot;
    if (!current) {
      if (this.recentlyFailed() && !this.#coldLoad) {
        throw new CatalogUnavailableError(`no catalog yet: ${this.#errors.last?.message ?? 'the last fetch failed'}`);
      }
      this.#coldLoad ??= this.loadCold().finally(() => {
        this.#coldLoad = null;
      });
      return this.awaitCold(this.#coldLoad);
    }
    if (this.isStale(current) && !this.#inflight && !this.recentlyFailed() && !this.leaderBusy()) {
      void this.refresh('stale').catch(() => {});
    }
    return current;
  }

  /** Refreshes now (joining a refresh already running) and returns the snapshot served afterwards. */
  refresh(reason: RefreshReason = 'forced', errorsBefore = this.#errors.count): Promise<CatalogSnapshot> {
    this.#inflight ??= this.runRefresh(reason, errorsBefore).finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  /**
   * The scheduler's refresh, which never rejects: loads the catalog when none is held; adopts what another replica
   * published less than `freshWithinMs` ago instead of fetching; otherwise refreshes (through the lease when the
   * catalog is shared), joining a refresh already running. Does nothing while the pause after a failure lasts.
   */
  async scheduledRefresh(freshWithinMs: number): Promise<void> {
    if (this.#inflight) {
      await this.#inflight.catch(() => {});
      return;
    }
    if (this.retryPauseMs() > 0) return;
    if (!this.#current) {
      await this.snapshot().catch(() => {});
      return;
    }
    await this.#coordinator?.catchUp();
    const served = this.served();
    if (served && this.#coordinator && this.#now() - Date.parse(served.fetchedAt) < freshWithinMs) return;
    await this.refresh('scheduled').catch(() => {});
  }

  /** How long the pause after failed refreshes still lasts; 0 when an attempt may start now. */
  retryPauseMs(): number {
    return this.#errors.pauseRemainingMs(this.options.retryAfterFailureMs ?? 30_000, this.options.ttlSeconds * 1000);
  }

  /**
   * The snapshot served now, without starting a fetch; null until the first. Synchronous (probes, metrics, response
   * cache keys), and a method, so a check after an `await` sees what the wait changed.
   */
  served(): CatalogSnapshot | null {
    return this.#current?.snapshot ?? null;
  }

  /** Whether the shared store answers within `deadlineMs`; null when there is none (the catalog lives in memory). */
  async storeReachable(deadlineMs: number): Promise<boolean | null> {
    return this.#coordinator ? this.#coordinator.probe(deadlineMs) : null;
  }

  status(): CatalogStatus {
    return describeCatalog({
      served: this.#current,
      now: this.#now(),
      ttlSeconds: this.options.ttlSeconds,
      refreshing: this.#inflight !== null,
      lastError: this.#errors.last,
      upstream: this.options.upstreamLabel,
    });
  }

  /** The replica crawling the upstream for everyone right now, or null when no refresh runs. */
  async leaseHolder(): Promise<string | null> {
    if (this.#coordinator) return this.#coordinator.leaseHolder();
    return this.#inflight ? this.#replicaId : null;
  }

  /** Resolves when no fetch is running; for orderly shutdown and tests. */
  async settled(): Promise<void> {
    while (this.#inflight) await this.#inflight.catch(() => {});
  }

  /** Waits for the running fetch, then lets go of the shared store. */
  async close(): Promise<void> {
    await this.settled();
    this.#coordinator?.close();
  }

  /** A snapshot already published is served at once (refreshed in the background if stale); else the first fetch. */
  private async loadCold(): Promise<CatalogSnapshot> {
    const errorsBefore = this.#errors.count;
    await this.#coordinator?.catchUp();
    if (this.#current) return this.snapshot();
    return this.refresh('cold', errorsBefore);
  }

  private async runRefresh(reason: RefreshReason, errorsBefore: number): Promise<CatalogSnapshot> {
    const coordinator = this.#coordinator;
    if (!coordinator) return this.fetchAndServe(reason, errorsBefore, null);
    for (;;) {
      if (reason !== 'forced' && (await this.caughtUp(coordinator))) return this.#current!.snapshot;
      const attempt = coordinator.available ? await coordinator.tryLead() : UNAVAILABLE;
      if (attempt === UNAVAILABLE) return this.fetchAndServe(reason, errorsBefore, null);
      if (attempt.acquired) return this.lead(coordinator, attempt.grant, reason, errorsBefore);
      this.#leaderBusyUntil = performance.now() + attempt.expiresInMs;
      if (this.#current || reason === 'forced') return this.servedOrUnavailable();
      // Cold, and another replica is crawling: wait for its snapshot, or for its lease to run out, then look again.
      await this.#adoptions.wait(Math.max(attempt.expiresInMs, 100));
      const adopted = this.served();
      if (adopted) return adopted;
    }
  }

  /** Adopts what was published meanwhile; true when the snapshot served afterwards is fresh. */
  private async caughtUp(coordinator: Coordinator): Promise<boolean> {
    await coordinator.catchUp();
    return this.#current !== null && !this.isStale(this.#current.snapshot);
  }

  private async lead(
    coordinator: Coordinator,
    grant: LeaseGrant,
    reason: RefreshReason,
    errorsBefore: number,
  ): Promise<CatalogSnapshot> {
    try {
      // Another replica may have published between the look at the pointer and the taking of the lease.
      if (reason !== 'forced' && (await this.caughtUp(coordinator))) return this.#current!.snapshot;
      this.emit({ type: 'lease-acquired', holder: grant.holder });
      return await this.fetchAndServe(reason, errorsBefore, grant);
    } finally {
      await coordinator.release(grant);
    }
  }

  /** Fetches from the upstream; with a lease, publishes the result before serving it. */
  private async fetchAndServe(
    reason: RefreshReason,
    errorsBefore: number,
    grant: LeaseGrant | null,
  ): Promise<CatalogSnapshot> {
    this.emit({ type: 'fetch-started', reason });
    let next: CatalogSnapshot;
    try {
      const fetch = this.options.fetchSnapshot;
      next = grant && this.#coordinator ? await this.#coordinator.whileLeading(grant, fetch) : await fetch();
    } catch (error) {
      return this.fetchFailed(error);
    }
    const current = this.#current?.snapshot;
    const rejection = current ? whyKeep(current, next) : null;
    if (rejection) {
      this.#errors.recordFailure(rejection);
      this.emit({ type: 'snapshot-kept', reason: rejection });
      return current!;
    }
    const outcome = grant ? await this.#coordinator!.publish(next, grant, this.retentionMs()) : null;
    if (outcome === 'lease-lost' || outcome === 'superseded') return this.notPublished(next, outcome);
    await this.prepared(next);
    const previous = this.served();
    this.serve({ snapshot: next, refreshedBy: this.#replicaId }, errorsBefore);
    this.emit({ type: 'snapshot-replaced', snapshotId: next.id, size: next.models.size });
    for (const listener of this.#replacementListeners) listener(previous, next);
    return next;
  }

  private fetchFailed(error: unknown): CatalogSnapshot {
    const message = `refresh failed: ${messageOf(error)}`;
    this.#errors.recordFailure(message);
    this.emit({ type: 'fetch-failed', message });
    if (this.#current) return this.#current.snapshot;
    throw new CatalogUnavailableError(`no catalog yet: ${message}`, { cause: error });
  }

  /**
   * A holder that lost its lease, or found a newer snapshot published, serves what was published instead of its own
   * result, so that replicas agree.
   */
  private async notPublished(
    discarded: CatalogSnapshot,
    outcome: 'lease-lost' | 'superseded',
  ): Promise<CatalogSnapshot> {
    const why = outcome === 'lease-lost' ? 'the refresh lease was lost' : 'a newer snapshot was published meanwhile';
    this.#errors.record(`snapshot ${discarded.id} was not published: ${why}; serving the one published`);
    await this.#coordinator!.catchUp();
    return this.servedOrUnavailable();
  }

  private servedOrUnavailable(): CatalogSnapshot {
    const served = this.served();
    if (served) return served;
    throw new CatalogUnavailableError('no catalog yet: another replica is fetching it');
  }

  private serve(next: StoredSnapshot, errorsBefore: number): void {
    this.#current = next;
    this.#leaderBusyUntil = 0;
    this.#errors.succeeded(errorsBefore);
    if (next.snapshot.report.errors.length > 0) {
      this.#errors.record(`partial fetch: ${next.snapshot.report.errors.join('; ')}`);
    }
    this.#adoptions.wakeAll();
  }

  private coordinatorFor(shared: SharedCatalog): Coordinator {
    return new Coordinator(
      shared,
      {
        current: () => this.#current?.snapshot ?? null,
        adopt: (stored, route, errorsBefore) => this.adopt(stored, route, errorsBefore),
        errorCount: () => this.#errors.count,
        reject: (reason) => this.reject(reason),
        report: (message) => this.#errors.record(message),
        storeAvailabilityChanged: (available, message) =>
          this.emit(available ? { type: 'store-recovered' } : { type: 'store-unavailable', message }),
      },
      this.#logger,
      this.#now,
    );
  }

  /** Runs the `prepare` hook on a snapshot about to be served; a failure is logged, and the snapshot served anyway. */
  private async prepared(snapshot: CatalogSnapshot): Promise<void> {
    const prepare = this.options.prepare;
    if (!prepare) return;
    const started = performance.now();
    try {
      await prepare(snapshot);
    } catch (error) {
      // Queries build what they need on first use, so a snapshot that could not be readied is still servable.
      this.#logger.error({ err: error, snapshotId: snapshot.id }, 'preparing the snapshot for queries failed');
      return;
    }
    this.emit({ type: 'snapshot-prepared', snapshotId: snapshot.id, ms: performance.now() - started });
  }

  /** Serves a snapshot another replica published, prepared, unless it would replace a better one. */
  private async adopt(stored: StoredSnapshot, route: AdoptionRoute, errorsBefore: number): Promise<void> {
    if (!this.adoptable(stored)) return;
    await this.prepared(stored.snapshot);
    // The served snapshot may have changed while this one was prepared.
    if (!this.adoptable(stored)) return;
    this.serve(stored, errorsBefore);
    const { id, models } = stored.snapshot;
    this.emit({ type: 'snapshot-adopted', snapshotId: id, size: models.size, refreshedBy: stored.refreshedBy, route });
  }

  /** Whether `stored` would replace the served snapshot; throws a SnapshotRejectedError if it is implausible. */
  private adoptable(stored: StoredSnapshot): boolean {
    const current = this.#current?.snapshot;
    if (current && (stored.snapshot.id === current.id || !isNewer(stored.snapshot, current))) return false;
    const refusal = current ? whyRefuseStored(current, stored.snapshot) : null;
    if (refusal) throw new SnapshotRejectedError(`snapshot ${stored.snapshot.id}: ${refusal}`);
    return true;
  }

  private reject(reason: string): void {
    this.#errors.record(`stored snapshot rejected: ${reason}`);
    this.#logger.warn({ reason }, 'stored snapshot rejected; it will be replaced by the next good fetch');
    this.emit({ type: 'snapshot-rejected', reason });
  }

  /** A cold query waits for the first snapshot only so long; the fetch goes on and a later query gets its result. */
  private awaitCold(load: Promise<CatalogSnapshot>): Promise<CatalogSnapshot> {
    const waitMs = this.options.coldWaitMs ?? 10_000;
    const message = `no catalog yet: the first fetch is still running after ${waitMs / 1000} s`;
    return withDeadline(load, waitMs, () => new CatalogUnavailableError(message));
  }

  private leaderBusy(): boolean {
    return performance.now() < this.#leaderBusyUntil;
  }

  private isStale(snapshot: CatalogSnapshot): boolean {
    return isStale(snapshot, this.#now(), this.options.ttlSeconds);
  }

  /** A failing upstream is retried after 30 s, then 60 s, 120 s… up to the TTL, not on every stale query. */
  private recentlyFailed(): boolean {
    return this.retryPauseMs() > 0;
  }

  /** The current snapshot stays in the store well past its TTL, so a restart can serve it while it refreshes. */
  private retentionMs(): number {
    return Math.max(this.options.ttlSeconds * 24, 86_400) * 1000;
  }

  private emit(event: CacheEvent): void {
    this.options.onEvent?.(event);
  }
}

function isNewer(candidate: CatalogSnapshot, current: CatalogSnapshot): boolean {
  return Date.parse(candidate.fetchedAt) > Date.parse(current.fetchedAt);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
