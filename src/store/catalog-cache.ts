import type { CatalogSnapshot } from '../catalog/index.ts';
import { whyKeep, whyRefuseStored } from './acceptance.ts';
import type { AdoptionRoute } from './adopter.ts';
import type { StoredSnapshot } from './chunked-snapshot-store.ts';
import { Coordinator, UNAVAILABLE } from './coordinator.ts';
import { ErrorLog } from './error-log.ts';
import { silentLogger, type Logger } from './logger.ts';
import type { LeaseGrant } from './refresh-lease.ts';
import type { SharedCatalog } from './shared-catalog.ts';
import { SnapshotRejectedError } from './stored-snapshot.ts';

/** What the API says about the catalog it serves. */
export interface CatalogStatus {
  size: number;
  snapshotId: string | null;
  fetchedAt: string | null;
  /** The replica that fetched the snapshot served. */
  refreshedBy: string | null;
  ageSeconds: number | null;
  ttlSeconds: number;
  stale: boolean;
  refreshing: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  upstream: string;
}

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
}

export type FetchReason = 'cold' | 'stale' | 'forced';

export type CacheEvent =
  | { type: 'fetch-started'; reason: FetchReason }
  | { type: 'snapshot-replaced'; snapshotId: string; size: number }
  | { type: 'snapshot-adopted'; snapshotId: string; size: number; refreshedBy: string; route: AdoptionRoute }
  | { type: 'snapshot-kept'; reason: string }
  | { type: 'snapshot-rejected'; reason: string }
  | { type: 'fetch-failed'; message: string }
  | { type: 'lease-acquired'; holder: string }
  | { type: 'store-unavailable'; message: string }
  | { type: 'store-recovered' };

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
  #adoptionWaiters: (() => void)[] = [];
  readonly #errors: ErrorLog;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #replicaId: string;
  readonly #coordinator: Coordinator | null;

  constructor(private readonly options: CatalogCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
    this.#errors = new ErrorLog(this.#now);
    this.#replicaId = options.shared?.replicaId ?? options.replicaId ?? 'this process';
    this.#coordinator = options.shared ? this.coordinatorFor(options.shared) : null;
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
  refresh(reason: FetchReason = 'forced', errorsBefore = this.#errors.count): Promise<CatalogSnapshot> {
    this.#inflight ??= this.runRefresh(reason, errorsBefore).finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  status(): CatalogStatus {
    const current = this.#current?.snapshot;
    const ageMs = current ? this.#now() - Date.parse(current.fetchedAt) : null;
    const lastError = this.#errors.last;
    return {
      size: current?.models.size ?? 0,
      snapshotId: current?.id ?? null,
      fetchedAt: current?.fetchedAt ?? null,
      refreshedBy: this.#current?.refreshedBy ?? null,
      ageSeconds: ageMs === null ? null : Math.max(0, Math.floor(ageMs / 1000)),
      ttlSeconds: this.options.ttlSeconds,
      stale: current ? this.isStale(current) : false,
      refreshing: this.#inflight !== null,
      lastError: lastError?.message ?? null,
      lastErrorAt: lastError ? new Date(lastError.at).toISOString() : null,
      upstream: this.options.upstreamLabel,
    };
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

  private async runRefresh(reason: FetchReason, errorsBefore: number): Promise<CatalogSnapshot> {
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
      await this.nextAdoption(Math.max(attempt.expiresInMs, 100));
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
    reason: FetchReason,
    errorsBefore: number,
  ): Promise<CatalogSnapshot> {
    this.emit({ type: 'lease-acquired', holder: grant.holder });
    try {
      // Another replica may have published between the look at the pointer and the taking of the lease.
      if (reason !== 'forced' && (await this.caughtUp(coordinator))) return this.#current!.snapshot;
      return await this.fetchAndServe(reason, errorsBefore, grant);
    } finally {
      await coordinator.release(grant);
    }
  }

  /** Fetches from the upstream; with a lease, publishes the result before serving it. */
  private async fetchAndServe(
    reason: FetchReason,
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
    this.serve({ snapshot: next, refreshedBy: this.#replicaId }, errorsBefore);
    this.emit({ type: 'snapshot-replaced', snapshotId: next.id, size: next.models.size });
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

  /** The snapshot served now; a method, so a check after an `await` sees what the wait changed. */
  private served(): CatalogSnapshot | null {
    return this.#current?.snapshot ?? null;
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
    for (const wake of this.#adoptionWaiters.splice(0)) wake();
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

  /** Serves a snapshot another replica published, unless it would replace a better one. */
  private adopt(stored: StoredSnapshot, route: AdoptionRoute, errorsBefore: number): void {
    const current = this.#current?.snapshot;
    if (current && (stored.snapshot.id === current.id || !isNewer(stored.snapshot, current))) return;
    const refusal = current ? whyRefuseStored(current, stored.snapshot) : null;
    if (refusal) throw new SnapshotRejectedError(`snapshot ${stored.snapshot.id}: ${refusal}`);
    this.serve(stored, errorsBefore);
    const { id, models } = stored.snapshot;
    this.emit({ type: 'snapshot-adopted', snapshotId: id, size: models.size, refreshedBy: stored.refreshedBy, route });
  }

  private reject(reason: string): void {
    this.#errors.record(`stored snapshot rejected: ${reason}`);
    this.#logger.warn({ reason }, 'stored snapshot rejected; it will be replaced by the next good fetch');
    this.emit({ type: 'snapshot-rejected', reason });
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

  /** Resolves when a snapshot is next served, or after `ms`. */
  private nextAdoption(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#adoptionWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private leaderBusy(): boolean {
    return performance.now() < this.#leaderBusyUntil;
  }

  private isStale(snapshot: CatalogSnapshot): boolean {
    return this.#now() - Date.parse(snapshot.fetchedAt) > this.options.ttlSeconds * 1000;
  }

  /** A failing upstream is retried after 30 s, then 60 s, 120 s… up to the TTL, not on every stale query. */
  private recentlyFailed(): boolean {
    return this.#errors.recentlyFailed(this.options.retryAfterFailureMs ?? 30_000, this.options.ttlSeconds * 1000);
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
