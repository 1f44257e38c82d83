import type { CatalogSnapshot } from '../catalog/index.ts';
import { Adopter, type AdopterHost } from './adopter.ts';
import { parsePointer, type PublishOutcome } from './chunked-snapshot-store.ts';
import type { Logger } from './logger.ts';
import type { LeaseAttempt, LeaseGrant } from './refresh-lease.ts';
import type { SharedCatalog } from './shared-catalog.ts';
import { StoreHealth } from './store-health.ts';
import { SnapshotRejectedError } from './stored-snapshot.ts';

/** What the coordinator needs from the cache it serves: the snapshot held, and where to report. */
export interface CoordinatorHost extends Omit<AdopterHost, 'load'> {
  /** Something went wrong with the store or the lease; `message` says what could not be done. */
  report(message: string): void;
  storeAvailabilityChanged(available: boolean, message: string): void;
}

/** A store call that failed (already reported): the caller carries on without the store. */
export const UNAVAILABLE = Symbol('store unavailable');
type Guarded<T> = T | typeof UNAVAILABLE;

/**
 * The cache's side of sharing a catalog through Redis: catching up with what was published, adopting what is
 * announced, taking the refresh lease, and publishing under it. Every store call is guarded: a failure is reported
 * once, and the caller gets UNAVAILABLE and goes on from memory.
 */
export class Coordinator {
  readonly #health: StoreHealth;
  readonly #adopter: Adopter;
  /** A catch-up waits for the subscription first, so a publish between its look and the subscription is not lost. */
  readonly #listening: Promise<void>;

  constructor(
    private readonly shared: SharedCatalog,
    private readonly host: CoordinatorHost,
    private readonly logger: Logger,
    now: () => number,
  ) {
    this.#health = new StoreHealth(shared.logLabel, logger, now, (available, message) =>
      host.storeAvailabilityChanged(available, message),
    );
    this.#adopter = new Adopter({ ...host, load: (pointer) => this.#health.track(shared.store.load(pointer)) });
    this.#listening = shared.listen({
      onMessage: (raw) => void this.adoptAnnounced(raw),
      onResubscribed: () => void this.catchUp(),
    });
  }

  get available(): boolean {
    return this.#health.available;
  }

  /** Whether the store answers now (within `deadlineMs`); a change is logged and reported like any other call's. */
  async probe(deadlineMs: number): Promise<boolean> {
    try {
      await this.#health.track(this.shared.ping(deadlineMs));
      return true;
    } catch {
      return false;
    }
  }

  /** Adopts what the pointer names, if it is newer than the snapshot served. */
  async catchUp(): Promise<void> {
    await this.#listening;
    const reading = await this.guard(this.shared.store.readPointer(), 'unavailable');
    if (reading === UNAVAILABLE) return;
    if (reading.rejection && !this.#adopter.remember(`pointer ${reading.raw?.slice(0, 200)}`)) {
      this.host.reject(reading.rejection.message);
    }
    if (reading.pointer) await this.#adopter.offer(reading.pointer, 'catch-up');
  }

  tryLead(): Promise<Guarded<LeaseAttempt>> {
    return this.guard(this.shared.lease.tryAcquire(), 'could not be asked for the refresh lease');
  }

  /** Runs the crawl while keeping the lease; the crawl's own failure is the caller's to handle. */
  whileLeading<T>(grant: LeaseGrant, crawl: () => Promise<T>): Promise<T> {
    return this.shared.lease.hold(grant, crawl, () => {
      this.logger.warn(
        { holder: grant.holder },
        'refresh lease lost during the crawl; its result will not be published',
      );
    });
  }

  /** Writes the snapshot's chunks and makes it current, if this replica still holds the lease. */
  async publish(snapshot: CatalogSnapshot, grant: LeaseGrant, retentionMs: number): Promise<Guarded<PublishOutcome>> {
    const consequence = 'refused the new snapshot, serving it from memory';
    const pointer = await this.guard(this.shared.store.write(snapshot, this.shared.replicaId), consequence);
    if (pointer === UNAVAILABLE) return UNAVAILABLE;
    return this.guard(this.shared.store.publish(pointer, grant, retentionMs), consequence);
  }

  /** Lets the lease go; if the store cannot be reached it expires on its own, which needs no report of its own. */
  async release(grant: LeaseGrant): Promise<void> {
    await this.#health.track(this.shared.lease.release(grant)).catch(() => {});
  }

  /** The replica crawling for everyone now, or null when none is (or the store cannot say). */
  async leaseHolder(): Promise<string | null> {
    const holder = await this.guard(this.shared.lease.holder(), 'unavailable');
    return holder === UNAVAILABLE ? null : holder;
  }

  close(): void {
    this.shared.close();
  }

  private async adoptAnnounced(raw: string): Promise<void> {
    let pointer;
    try {
      pointer = parsePointer(raw, 'a publish message');
    } catch (error) {
      if (error instanceof SnapshotRejectedError && !this.#adopter.remember(`message ${raw.slice(0, 200)}`)) {
        this.host.reject(error.message);
      }
      return;
    }
    await this.#adopter.offer(pointer, 'publication');
  }

  private async guard<T>(call: Promise<T>, consequence: string): Promise<Guarded<T>> {
    try {
      return await this.#health.track(call);
    } catch (error) {
      if (error instanceof SnapshotRejectedError) throw error;
      this.host.report(
        `${this.shared.label} ${consequence}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return UNAVAILABLE;
    }
  }
}
