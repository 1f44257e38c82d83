import type { Model } from '../catalog/index.ts';

/**
 * Models kept for pages to share, in two generations: the rows used since the current generation began, and those of
 * the one before, which a use moves up. When the current one is full it becomes the older and the oldest is dropped,
 * so every row used among the last `capacity` lookups is kept (at most twice that many models are). A hit is one or
 * two map reads; a least-recently-used map costs more in its own bookkeeping (a delete and an insert per hit) than
 * making the model does. The maker is given once, not per lookup: a closure per row would be fifty allocations a page.
 */
export class ModelSlots {
  #current = new Map<number, Model>();
  #older = new Map<number, Model>();

  constructor(
    private readonly capacity: number,
    private readonly make: (row: number) => Model,
  ) {}

  /** The model of `row`, made unless it is kept already. */
  get(row: number): Model {
    const current = this.#current.get(row);
    if (current !== undefined) return current;
    const model = this.#older.get(row) ?? this.make(row);
    if (this.#current.size >= this.capacity) {
      this.#older = this.#current;
      this.#current = new Map();
    }
    this.#current.set(row, model);
    return model;
  }
}
