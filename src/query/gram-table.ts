import { newBitset, orBits, setBit, type Bitset } from './bitset.ts';
import { DENSE_SHARE } from './value-index.ts';

const [LAST, ROWS, START, NEXT] = [0, 1, 2, 3];
const STRIDE = 4;

/** A finished table as arrays, to hand to another thread. */
export interface GramParts {
  codes: number;
  size: number;
  state: Int32Array;
  gaps: Uint8Array;
  dense: Bitset[];
}

/**
 * The rows holding each gram (a character, or three, coded as a number) of the ids: a bitset for a gram more than one
 * row in 32 holds, otherwise its rows as varint-coded gaps, a byte or two per row where four would be a Uint32.
 * Built in two passes over the ids, rows ascending: `count` every (row, gram), `finishCounts`, `place` every one.
 */
export class GramTable {
  /**
   * Four numbers per gram, side by side so that the passes touch one cache line per (row, gram) rather than one per
   * array: the last row placed, the rows holding it, and the start and next free byte of its gaps (while counting,
   * the byte count in the start's place).
   */
  readonly #state: Int32Array;
  #gaps: Uint8Array = new Uint8Array(0);
  /** The bitsets of the common grams; such a gram's next free byte is -1 - its index here. */
  readonly #dense: Bitset[] = [];
  #end = 0;

  /** An empty table to count and place into; or, given the parts of one finished elsewhere, that table. */
  constructor(
    readonly codes: number,
    private readonly size: number,
    finished: GramParts | null = null,
  ) {
    if (finished) {
      this.#state = finished.state;
      this.#gaps = finished.gaps;
      this.#dense = finished.dense;
      this.#end = finished.gaps.length;
      return;
    }
    this.#state = new Int32Array(codes * STRIDE);
    for (let code = 0; code < codes; code++) this.#state[code * STRIDE + LAST] = -1;
  }

  static of(parts: GramParts): GramTable {
    return new GramTable(parts.codes, parts.size, parts);
  }

  /** The finished table's arrays. */
  parts(): GramParts {
    return { codes: this.codes, size: this.size, state: this.#state, gaps: this.#gaps, dense: this.#dense };
  }

  count(row: number, code: number): void {
    const state = this.#state;
    const at = code * STRIDE;
    const last = state[at + LAST]!;
    if (last === row) return;
    state[at + START]! += varintLength(row - last);
    state[at + LAST] = row;
    state[at + ROWS]!++;
  }

  finishCounts(): void {
    const state = this.#state;
    let offset = 0;
    for (let code = 0; code < this.codes; code++) {
      const at = code * STRIDE;
      const bytes = state[at + START]!;
      state[at + START] = offset;
      state[at + LAST] = -1;
      if (state[at + ROWS]! * DENSE_SHARE >= this.size) {
        state[at + NEXT] = -1 - this.#dense.length;
        this.#dense.push(newBitset(this.size));
      } else {
        state[at + NEXT] = offset;
        offset += bytes;
      }
    }
    this.#gaps = new Uint8Array(offset);
    this.#end = offset;
  }

  place(row: number, code: number): void {
    const state = this.#state;
    const at = code * STRIDE;
    const last = state[at + LAST]!;
    if (last === row) return;
    state[at + LAST] = row;
    const next = state[at + NEXT]!;
    if (next < 0) setBit(this.#dense[-1 - next]!, row);
    else state[at + NEXT] = writeVarint(this.#gaps, next, row - last);
  }

  /** Where a rare gram's gaps end: the next gram's start, or the end of them all. */
  #endOf(code: number): number {
    return code + 1 < this.codes ? this.#state[(code + 1) * STRIDE + START]! : this.#end;
  }

  rowCount(code: number): number {
    return this.#state[code * STRIDE + ROWS]!;
  }

  /** The gram's rows as a bitset when it is common; null otherwise. */
  bitsOf(code: number): Bitset | null {
    const next = this.#state[code * STRIDE + NEXT]!;
    return next < 0 ? this.#dense[-1 - next]! : null;
  }

  /** Writes a rare gram's rows into `out`, ascending; returns how many. */
  decode(code: number, out: Uint32Array): number {
    const gaps = this.#gaps;
    const end = this.#endOf(code);
    let row = -1;
    let count = 0;
    for (let at = this.#state[code * STRIDE + START]!; at < end;) {
      let gap = 0;
      let scale = 1;
      let byte: number;
      do {
        byte = gaps[at++]!;
        gap += (byte & 0x7f) * scale;
        scale *= 0x80;
      } while (byte >= 0x80);
      row += gap;
      out[count++] = row;
    }
    return count;
  }

  /**
   * Keeps those of the first `count` of `rows` (ascending) that the rare gram holds, decoding its rows into `scratch`;
   * returns how many remain.
   */
  intersect(code: number, rows: Uint32Array, count: number, scratch: Uint32Array): number {
    const held = this.decode(code, scratch);
    let kept = 0;
    for (let i = 0, j = 0; i < count && j < held;) {
      if (rows[i]! < scratch[j]!) i++;
      else if (rows[i]! > scratch[j]!) j++;
      else {
        rows[kept++] = rows[i]!;
        i++;
        j++;
      }
    }
    return kept;
  }

  /** Sets in `out` the rows of the gram, whichever way they are kept; `scratch` holds at least a rare gram's rows. */
  addRows(out: Bitset, code: number, scratch: Uint32Array): void {
    const bits = this.bitsOf(code);
    if (bits !== null) {
      orBits(out, bits);
      return;
    }
    const count = this.decode(code, scratch);
    for (let i = 0; i < count; i++) setBit(out, scratch[i]!);
  }
}

/** Bytes of `value` as a varint: 7 bits a byte. Compared rather than divided, as every (row, gram) asks. */
function varintLength(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  return value < 0x10000000 ? 4 : 5;
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    out[at++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  out[at++] = value;
  return at;
}
