import { BoundedCache } from '../bounded-cache.ts';
import type { CatalogSnapshot } from '../catalog/index.ts';
import type { StoredSnapshot } from './chunked-snapshot-store.ts';
import type { SnapshotPointer } from './snapshot-schema.ts';
import { SnapshotRejectedError } from './stored-snapshot.ts';

/** How a replica learned of a snapshot: a publish message, or a look at the pointer (start, reconnect, stale check). */
export type AdoptionRoute = 'publication' | 'catch-up';

export interface AdopterHost {
  current(): CatalogSnapshot | null;
  load(pointer: SnapshotPointer): Promise<StoredSnapshot>;
  /**
   * Serves the loaded snapshot, or throws a SnapshotRejectedError when the acceptance rules refuse it; `errorsBefore`
   * as in `ErrorLog.succeeded`.
   */
  adopt(stored: StoredSnapshot, route: AdoptionRoute, errorsBefore: number): Promise<void>;
  errorCount(): number;
  reject(reason: string): void;
}

/** Snapshots rejected once are not loaded and reported again on every message or stale check; the newest are kept. */
const REMEMBERED_REJECTIONS = 100;

/**
 * Loads the snapshots other replicas publish, one load at a time. Pointers that arrive while a load runs collapse into
 * the newest, and a snapshot no newer than the one served is never loaded at all.
 */
export class Adopter {
  readonly #rejected = new BoundedCache<string, true>({ maxEntries: REMEMBERED_REJECTIONS });
  #next: { pointer: SnapshotPointer; route: AdoptionRoute } | null = null;
  #loading: Promise<void> | null = null;

  constructor(private readonly host: AdopterHost) {}

  /** Resolves once the pointer (or a newer one offered meanwhile) has been adopted, refused or found unreadable. */
  offer(pointer: SnapshotPointer, route: AdoptionRoute): Promise<void> {
    if (!this.worthLoading(pointer)) return this.#loading ?? Promise.resolve();
    this.#next = { pointer, route };
    this.#loading ??= this.drain().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  /** Remembers a snapshot (or an unreadable pointer) found bad once; true if it was already known to be. */
  remember(key: string): boolean {
    if (this.#rejected.has(key)) return true;
    this.#rejected.set(key, true);
    return false;
  }

  private worthLoading(pointer: SnapshotPointer): boolean {
    const current = this.host.current();
    if (this.#rejected.has(pointer.id)) return false;
    return (
      current === null || (pointer.id !== current.id && Date.parse(pointer.fetchedAt) > Date.parse(current.fetchedAt))
    );
  }

  private async drain(): Promise<void> {
    while (this.#next) {
      const { pointer, route } = this.#next;
      this.#next = null;
      if (this.worthLoading(pointer)) await this.loadAndAdopt(pointer, route);
    }
  }

  private async loadAndAdopt(pointer: SnapshotPointer, route: AdoptionRoute): Promise<void> {
    const errorsBefore = this.host.errorCount();
    try {
      await this.host.adopt(await this.host.load(pointer), route, errorsBefore);
    } catch (error) {
      // A store that failed mid-load has been reported by the store's guard; the next catch-up tries again.
      if (!(error instanceof SnapshotRejectedError)) return;
      if (!this.remember(pointer.id)) this.host.reject(error.message);
    }
  }
}
