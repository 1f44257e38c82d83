/**
 * The rows of a snapshot in one order: by a numeric column (ascending or descending), ties broken by row — rows are in
 * id order, so that is by id ascending — and rows without a value (`NaN`, or not finite) last in both directions; or by
 * id itself.
 */
export class SortedOrder {
  constructor(
    readonly size: number,
    /** The column ordered by; null for the id order, whose positions are the rows themselves. */
    private readonly key: Float64Array | null,
    private readonly ascending: boolean,
    private readonly rows: Uint32Array | null,
  ) {}

  static byId(size: number, ascending: boolean): SortedOrder {
    return new SortedOrder(size, null, ascending, null);
  }

  /** For an id order, whether it is ascending (its positions are the rows, or the rows reversed); else null. */
  get idAscending(): boolean | null {
    return this.key === null ? this.ascending : null;
  }

  rowAt(position: number): number {
    if (this.rows !== null) return this.rows[position]!;
    return this.ascending ? position : this.size - 1 - position;
  }

  /** Whether row `a` comes strictly before row `b`. */
  precedes(a: number, b: number): boolean {
    const key = this.key;
    if (key === null) return this.ascending ? a < b : a > b;
    const ka = key[a]!;
    const kb = key[b]!;
    const aMissing = !Number.isFinite(ka);
    const bMissing = !Number.isFinite(kb);
    if (aMissing || bMissing) return aMissing === bMissing ? a < b : bMissing;
    if (ka !== kb) return this.ascending ? ka < kb : ka > kb;
    return a < b;
  }

  /** The position of `row`: a binary search, as the order is total. */
  positionOf(row: number): number {
    if (this.rows === null) return this.ascending ? row : this.size - 1 - row;
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.precedes(this.rows[middle]!, row)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * Both orders of a numeric column, by a stable radix sort of the values' bit patterns (sixteen bits a pass, rows in id
 * order to start with, so ties keep it): linear, with no comparison of rows. The descending order is then read off
 * the ascending one, groups of equal values taken from the end, each kept in id order.
 */
export class ColumnOrders {
  readonly ascending: SortedOrder;
  readonly descending: SortedOrder;
  /** Rows in ascending order; those with a value come first. */
  readonly ascendingRows: Uint32Array;
  /** Rows with a value; they fill the first positions of both orders. */
  readonly present: number;

  constructor(private readonly key: Float64Array) {
    const sorted = radixSort(key);
    this.ascendingRows = sorted.rows;
    this.present = key.length - countMissing(key);
    this.ascending = new SortedOrder(key.length, key, true, this.ascendingRows);
    this.descending = new SortedOrder(key.length, key, false, descendingOf(sorted, this.present));
  }

  /** The ascending positions of rows whose value is at least `minimum`, as [from, to). */
  atLeast(minimum: number): [number, number] {
    return [this.#firstPosition((value) => value >= minimum), this.present];
  }

  /** The ascending positions of rows whose value is at most `maximum`, as [from, to). */
  atMost(maximum: number): [number, number] {
    return [0, this.#firstPosition((value) => value > maximum)];
  }

  /** The first position (among rows with a value) whose value passes `test`, which is monotone over the order. */
  #firstPosition(test: (value: number) => boolean): number {
    let low = 0;
    let high = this.present;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (test(this.key[this.ascendingRows[middle]!]!)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** Whether this machine stores a float64's high word second (little-endian), as the views below assume. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const [LOW_WORD, HIGH_WORD] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
const SIGN = 0x80000000;

/** Rows in ascending order, and the sortable words of their values in the same order. */
interface Sorted {
  rows: Uint32Array;
  high: Uint32Array;
  low: Uint32Array;
}

/**
 * Rows ordered by value, ties by row, values that are not finite last: each value's bits made to sort as unsigned
 * integers (negative numbers have every bit flipped, others their sign bit; -0 is read as 0), then four stable passes
 * of counting sort over 16-bit digits, lowest first; a pass whose digit never changes is skipped.
 */
function radixSort(key: Float64Array): Sorted {
  const size = key.length;
  const words = new Uint32Array(key.buffer, key.byteOffset, size * 2);
  let sorted: Sorted = { rows: new Uint32Array(size), high: new Uint32Array(size), low: new Uint32Array(size) };
  for (let row = 0; row < size; row++) {
    const value = key[row]!;
    const high = words[row * 2 + HIGH_WORD]!;
    const low = words[row * 2 + LOW_WORD]!;
    const negative = (high & SIGN) !== 0;
    sorted.rows[row] = row;
    if (!Number.isFinite(value)) {
      sorted.high[row] = 0xffffffff;
      sorted.low[row] = 0xffffffff;
    } else if (value === 0) {
      sorted.high[row] = SIGN;
    } else {
      sorted.high[row] = negative ? ~high >>> 0 : (high | SIGN) >>> 0;
      sorted.low[row] = negative ? ~low >>> 0 : low;
    }
  }
  let spare: Sorted = { rows: new Uint32Array(size), high: new Uint32Array(size), low: new Uint32Array(size) };
  for (let pass = 0; pass < 4; pass++) {
    if (!countingPass(pass < 2 ? sorted.low : sorted.high, (pass % 2) * 16, sorted, spare)) continue;
    [sorted, spare] = [spare, sorted];
  }
  return sorted;
}

/** One stable counting pass over the 16-bit digit at `shift` of `digits`; false (nothing moved) if it never varies. */
function countingPass(digits: Uint32Array, shift: number, from: Sorted, to: Sorted): boolean {
  const counts = new Uint32Array(0x10001);
  for (let i = 0; i < digits.length; i++) counts[((digits[i]! >>> shift) & 0xffff) + 1]!++;
  if (counts.some((count) => count === digits.length)) return false;
  for (let digit = 0; digit < 0x10000; digit++) counts[digit + 1]! += counts[digit]!;
  for (let i = 0; i < digits.length; i++) {
    const at = counts[(digits[i]! >>> shift) & 0xffff]!++;
    to.high[at] = from.high[i]!;
    to.low[at] = from.low[i]!;
    to.rows[at] = from.rows[i]!;
  }
  return true;
}

/**
 * The descending order: equal-value groups of the ascending one from last to first, rows without a value last. Equal
 * values are found by their sorted words, read in order, rather than by looking each row's value up.
 */
function descendingOf({ rows: ascending, high, low }: Sorted, present: number): Uint32Array {
  const rows = new Uint32Array(ascending.length);
  let at = 0;
  for (let end = present; end > 0;) {
    let start = end - 1;
    while (start > 0 && high[start - 1] === high[start] && low[start - 1] === low[start]) start--;
    for (let position = start; position < end; position++) rows[at++] = ascending[position]!;
    end = start;
  }
  rows.set(ascending.subarray(present), at);
  return rows;
}

function countMissing(key: Float64Array): number {
  let missing = 0;
  for (const value of key) if (!Number.isFinite(value)) missing++;
  return missing;
}
