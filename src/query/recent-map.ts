/** A map that keeps only its `capacity` most recently used entries: for per-snapshot caches of request-made values. */
export class RecentMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, made by `make` when absent; either way it becomes the most recently used. */
  get(key: K, make: () => V): V {
    let value = this.#entries.get(key);
    if (value === undefined) {
      value = make();
      if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    } else {
      // Re-inserting moves the key to the end of the Map's insertion order, which is least recently used first.
      this.#entries.delete(key);
    }
    this.#entries.set(key, value);
    return value;
  }
}
