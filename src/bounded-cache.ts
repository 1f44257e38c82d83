import { LRUCache } from 'lru-cache';

/** A cache's bounds: at most `maxEntries` entries, and (given `sizeOf`) at most `maxBytes` of them in all. */
export interface CacheBounds<V> {
  maxEntries?: number;
  maxBytes?: number;
  /** An entry's size in bytes, counted against `maxBytes`; an entry larger than `maxBytes` is not kept. */
  sizeOf?: (value: V) => number;
}

/**
 * hubcat's one bounded cache: the least recently used entry goes first once a bound is passed, whatever the cache
 * holds (documents already checked, per-snapshot search results, responses, rejected snapshots). lru-cache does the
 * bookkeeping; this names the two bounds hubcat uses, so that every cache is bounded the same way.
 */
// lru-cache's own bound: keys and values are never null or undefined.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export class BoundedCache<K extends {}, V extends {}> {
  readonly #entries: LRUCache<K, V>;

  constructor(bounds: CacheBounds<V>) {
    const { maxEntries, maxBytes, sizeOf } = bounds;
    if (maxEntries === undefined && maxBytes === undefined) throw new Error('a bounded cache needs a bound');
    const options = {
      ...(maxEntries === undefined ? {} : { max: maxEntries }),
      ...(maxBytes === undefined ? {} : { maxSize: Math.max(maxBytes, 1), sizeCalculation: sizeOf ?? (() => 1) }),
    } as LRUCache.Options<K, V, unknown>;
    this.#entries = new LRUCache<K, V>(options);
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Whether `key` is kept, without making it more recent. */
  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    this.#entries.set(key, value);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** The value for `key`, made by `make` when absent; either way it becomes the most recently used. */
  getOrMake(key: K, make: () => V): V {
    let value = this.#entries.get(key);
    if (value === undefined) {
      value = make();
      this.#entries.set(key, value);
    }
    return value;
  }
}
