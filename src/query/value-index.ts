import { newBitset, setRows, type Bitset } from './bitset.ts';
import type { Postings } from './postings.ts';

/**
 * A value held by more than one row in this many keeps a bitset beside its posting list: n/8 bytes against four per
 * row, so it is never the larger, and a column holds at most this many of them per value a row can carry.
 */
export const DENSE_SHARE = 32;

/**
 * The rows of each value of one filterable column: a posting list per value (rows ascending), and for each value
 * common enough a bitset, made once with the index, so a condition on it is ANDed a word at a time and tested with one
 * bit, whatever the request.
 */
export class ValueIndex {
  readonly #bits: (Bitset | null)[];

  constructor(
    readonly postings: Postings,
    readonly size: number,
  ) {
    this.#bits = Array.from({ length: postings.codes }, (_, code) => {
      if (postings.count(code) * DENSE_SHARE < size) return null;
      const bits = newBitset(size);
      setRows(bits, postings.rowsOf(code));
      return bits;
    });
  }

  get codes(): number {
    return this.postings.codes;
  }

  count(code: number): number {
    return this.postings.count(code);
  }

  rowsOf(code: number): Uint32Array {
    return this.postings.rowsOf(code);
  }

  /** The value's rows as a bitset, when it is common enough to keep one; read it, never change it. */
  bitsOf(code: number): Bitset | null {
    return code < 0 || code >= this.#bits.length ? null : this.#bits[code]!;
  }

  /** Sets in `out` the rows of each listed value. */
  addRows(out: Bitset, codes: readonly number[]): void {
    for (const code of codes) {
      const bits = this.bitsOf(code);
      if (bits === null) setRows(out, this.rowsOf(code));
      else for (let word = 0; word < out.length; word++) out[word]! |= bits[word]!;
    }
  }
}
