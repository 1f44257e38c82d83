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
    this.ascendingRows = radixSortRows(key);
    this.present = key.length - countMissing(key);
    this.ascending = new SortedOrder(key.length, key, true, this.ascendingRows);
    this.descending = new SortedOrder(key.length, key, false, descendingOf(this.ascendingRows, key, this.present));
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

/**
 * Rows ordered by value, ties by row, values that are not finite last: each value's bits made to sort as unsigned
 * integers (negative numbers have every bit flipped, others their sign bit; -0 is read as 0), then four stable passes
 * of counting sort over 16-bit digits, lowest first; a pass whose digit never changes is skipped.
 */
function radixSortRows(key: Float64Array): Uint32Array {
  const size = key.length;
  const words = new Uint32Array(key.buffer, key.byteOffset, size * 2);
  let high = new Uint32Array(size);
  let low = new Uint32Array(size);
  let rows = new Uint32Array(size);
  for (let row = 0; row < size; row++) {
    const [h, l] = sortableWords(key[row]!, words[row * 2 + HIGH_WORD]!, words[row * 2 + LOW_WORD]!);
    high[row] = h;
    low[row] = l;
    rows[row] = row;
  }
  let [spareHigh, spareLow, spareRows] = [new Uint32Array(size), new Uint32Array(size), new Uint32Array(size)];
  for (let pass = 0; pass < 4; pass++) {
    const digits = pass < 2 ? low : high;
    const shift = (pass % 2) * 16;
    if (!countingPass(digits, shift, [high, low, rows], [spareHigh, spareLow, spareRows])) continue;
    [high, spareHigh] = [spareHigh, high];
    [low, spareLow] = [spareLow, low];
    [rows, spareRows] = [spareRows, rows];
  }
  return rows;
}

function sortableWords(value: number, high: number, low: number): [number, number] {
  if (!Number.isFinite(value)) return [0xffffffff, 0xffffffff];
  if (value === 0) return [SIGN, 0];
  return (high & SIGN) !== 0 ? [~high >>> 0, ~low >>> 0] : [(high | SIGN) >>> 0, low];
}

/** One stable counting pass over the 16-bit digit at `shift` of `digits`; false (nothing moved) if it never varies. */
function countingPass(digits: Uint32Array, shift: number, from: Uint32Array[], to: Uint32Array[]): boolean {
  const counts = new Uint32Array(0x10001);
  for (let i = 0; i < digits.length; i++) counts[((digits[i]! >>> shift) & 0xffff) + 1]!++;
  if (counts.some((count) => count === digits.length)) return false;
  for (let digit = 0; digit < 0x10000; digit++) counts[digit + 1]! += counts[digit]!;
  const [high, low, rows] = from as [Uint32Array, Uint32Array, Uint32Array];
  const [toHigh, toLow, toRows] = to as [Uint32Array, Uint32Array, Uint32Array];
  for (let i = 0; i < digits.length; i++) {
    const at = counts[(digits[i]! >>> shift) & 0xffff]!++;
    toHigh[at] = high[i]!;
    toLow[at] = low[i]!;
    toRows[at] = rows[i]!;
  }
  return true;
}

/** The descending order: equal-value groups of the ascending one from last to first, rows without a value last. */
function descendingOf(ascending: Uint32Array, key: Float64Array, present: number): Uint32Array {
  const rows = new Uint32Array(ascending.length);
  let at = 0;
  for (let end = present; end > 0;) {
    let start = end - 1;
    const value = key[ascending[start]!]!;
    while (start > 0 && key[ascending[start - 1]!] === value) start--;
    rows.set(ascending.subarray(start, end), at);
    at += end - start;
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
