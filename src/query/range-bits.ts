import {
  andBits,
  andCount,
  bitsIn,
  clearPastEnd,
  countBits,
  clearRows,
  clearRowsCounting,
  hasBit,
  newBitset,
  setRows,
  type Bitset,
} from './bitset.ts';

/**
 * Boundaries per numeric column: each keeps the rows below it in the column's ascending order as a bitset, so at a
 * million rows 64 bitsets of 125 KB (8 MB) stand for every threshold, and the rows between a threshold and its
 * nearest boundary, at most one in 128 (7,800 at a million, about 60 µs of bit operations), are added or removed one
 * by one.
 */
const BOUNDARIES = 64;

/**
 * The rows of a numeric column whose ascending positions lie in a range, as a bitset, for any range: a threshold a
 * request has never sent costs one pass over n/32 words and a few thousand bit operations, never a structure built
 * for it. Positions are those of the column's ascending order (ties by row, rows without a value after the others);
 * a range never includes a row without a value.
 */
export class RangeBits {
  readonly #block: number;
  /** `#prefixes[j - 1]`: the rows at positions below boundary `j`, for j = 1 … boundaries. */
  readonly #prefixes: Bitset[];
  readonly #saved: Uint32Array;

  constructor(
    /** Rows in ascending order of the column, those with a value first. */
    private readonly ascending: Uint32Array,
    /** How many rows have a value. */
    private readonly present: number,
    private readonly size: number,
  ) {
    this.#block = Math.max(1, Math.ceil(present / BOUNDARIES));
    const boundaries = Math.ceil(present / this.#block);
    this.#prefixes = [];
    let bits = newBitset(size);
    for (let j = 1; j <= boundaries; j++) {
      bits = j === 1 ? bits : bits.slice();
      setRows(bits, ascending, this.#boundary(j - 1), this.#boundary(j));
      this.#prefixes.push(bits);
    }
    this.#saved = new Uint32Array(this.#block + 1);
  }

  /** Writes into `out` exactly the rows at positions [from, to). */
  write(out: Bitset, from: number, to: number): void {
    if (to - from <= this.#block) {
      out.fill(0);
      setRows(out, this.ascending, from, to);
      return;
    }
    const [low, high] = [this.#nearest(from), this.#nearest(to)];
    const below = this.#prefix(low);
    if (below === null) out.set(this.#prefix(high)!);
    else if (this.#everyRow(high)) {
      for (let word = 0; word < out.length; word++) out[word] = ~below[word]!;
      clearPastEnd(out, this.size);
    } else {
      const upTo = this.#prefix(high)!;
      for (let word = 0; word < out.length; word++) out[word] = upTo[word]! & ~below[word]!;
    }
    this.#adjust(out, this.#boundary(low), from, true);
    this.#adjust(out, this.#boundary(high), to, false);
  }

  /** Keeps in `out` only the rows at positions [from, to). */
  and(out: Bitset, from: number, to: number): void {
    this.#and(out, from, to, false);
  }

  /**
   * As `and`, returning how many rows `out` then holds: counted in its pass over the words and corrected by the rows
   * moved at the edges, where a count of its own would be another pass.
   */
  andCounting(out: Bitset, from: number, to: number): number {
    return this.#and(out, from, to, true);
  }

  /** Keeps in `out` only the rows at positions [from, to); returns how many it then holds if `counting`, else -1. */
  #and(out: Bitset, from: number, to: number, counting: boolean): number {
    const saved = this.#saved;
    if (to - from <= this.#block) {
      const kept = this.#keepSet(out, from, to, 0);
      out.fill(0);
      setRows(out, saved, 0, kept);
      return counting ? kept : -1;
    }
    const [low, high] = [this.#nearest(from), this.#nearest(to)];
    const [lowBoundary, highBoundary] = [this.#boundary(low), this.#boundary(high)];
    // Rows in the range but outside [lowBoundary, highBoundary): the AND below clears them, so note which were set.
    let kept = from < lowBoundary ? this.#keepSet(out, from, lowBoundary, 0) : 0;
    if (highBoundary < to) kept = this.#keepSet(out, highBoundary, to, kept);
    const below = this.#prefix(low);
    const upTo = this.#everyRow(high) ? null : this.#prefix(high)!;
    let count = counting ? andBetween(out, below, upTo) : (andBetweenUncounted(out, below, upTo), -1);
    if (lowBoundary < from) count -= clearRowsCounting(out, this.ascending, lowBoundary, from);
    if (to < highBoundary) count -= clearRowsCounting(out, this.ascending, to, highBoundary);
    // The noted rows lie outside the boundaries' rows, so the AND cleared each of them.
    setRows(out, saved, 0, kept);
    return counting ? count + kept : -1;
  }

  /** Appends to the saved rows those at positions [from, to) set in `bits`; returns how many are saved. */
  #keepSet(bits: Bitset, from: number, to: number, kept: number): number {
    const { ascending } = this;
    for (let position = from; position < to; position++) {
      const row = ascending[position]!;
      if (hasBit(bits, row)) this.#saved[kept++] = row;
    }
    return kept;
  }

  /** Moves the edge of a range written from boundary `boundary` to position `edge`. */
  #adjust(out: Bitset, boundary: number, edge: number, lower: boolean): void {
    if (boundary === edge) return;
    const [from, to] = boundary < edge ? [boundary, edge] : [edge, boundary];
    // Below the lower edge or from the upper edge on: outside the range.
    const outside = lower === boundary < edge;
    if (outside) clearRows(out, this.ascending, from, to);
    else setRows(out, this.ascending, from, to);
  }

  /**
   * Whether the rows below boundary `j` are every row: the last boundary of a column every row has a value of, which a
   * range open at the top (a minimum alone) reaches, so its bitset need not be read.
   */
  #everyRow(j: number): boolean {
    return j === this.#prefixes.length && this.present === this.size;
  }

  #nearest(position: number): number {
    return Math.min(this.#prefixes.length, Math.round(position / this.#block));
  }

  #boundary(j: number): number {
    return Math.min(this.present, j * this.#block);
  }

  #prefix(j: number): Bitset | null {
    return j === 0 ? null : this.#prefixes[j - 1]!;
  }
}

/** `out` becomes `out AND upTo AND NOT below` (a missing bitset: every row, or none below); returns the rows left. */
function andBetween(out: Bitset, below: Bitset | null, upTo: Bitset | null): number {
  if (below === null) return upTo === null ? countBits(out) : andCount(out, upTo);
  let count = 0;
  if (upTo === null) for (let word = 0; word < out.length; word++) count += bitsIn((out[word]! &= ~below[word]!));
  else for (let word = 0; word < out.length; word++) count += bitsIn((out[word]! &= upTo[word]! & ~below[word]!));
  return count;
}

function andBetweenUncounted(out: Bitset, below: Bitset | null, upTo: Bitset | null): void {
  if (below === null) {
    if (upTo !== null) andBits(out, upTo);
  } else if (upTo === null) {
    for (let word = 0; word < out.length; word++) out[word]! &= ~below[word]!;
  } else {
    for (let word = 0; word < out.length; word++) out[word]! &= upTo[word]! & ~below[word]!;
  }
}
