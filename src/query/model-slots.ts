import type { Model } from '../catalog/index.ts';

/**
 * Models kept for pages to share, each in the slot its row number picks (row modulo the capacity, a power of two): a
 * lookup is two array reads. A least-recently-used map costs more in its own bookkeeping (a delete and an insert per
 * hit) than making the model does; here two rows that share a slot just take turns, and the rows popular pages show
 * again and again (the most downloaded, the most liked) mostly keep theirs.
 */
export class ModelSlots {
  readonly #rows: Int32Array;
  readonly #models: (Model | undefined)[];
  readonly #mask: number;

  constructor(capacity: number) {
    if (!Number.isInteger(Math.log2(capacity))) throw new RangeError(`capacity ${capacity} is not a power of two`);
    this.#rows = new Int32Array(capacity).fill(-1);
    this.#models = new Array<Model | undefined>(capacity);
    this.#mask = capacity - 1;
  }

  /** The model of `row`, made by `make` unless its slot holds it already. */
  get(row: number, make: () => Model): Model {
    const slot = row & this.#mask;
    if (this.#rows[slot] === row) return this.#models[slot]!;
    const model = make();
    this.#rows[slot] = row;
    this.#models[slot] = model;
    return model;
  }
}
