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
 * Both orders of a numeric column, by a stable radix sort of the values' bit patterns (rows in id order to start
 * with, so ties keep it): linear, with no comparison of rows. The descending order is then read off the ascending one,
 * groups of equal values taken from the end, each kept in id order.
 */
export class ColumnOrders {
  readonly ascending: SortedOrder;
  readonly descending: SortedOrder;
  /** Rows in ascending order; those with a value come first. */
  readonly ascendingRows: Uint32Array;
  /** Rows with a value; they fill the first positions of both orders. */
  readonly present: number;

  constructor(
    private readonly key: Float64Array,
    scratch = new SortScratch(key.length),
  ) {
    const { sorted, present } = radixSort(key, scratch);
    this.ascendingRows = sorted.rows;
    this.present = present;
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
/**
 * Bits sorted per pass at most: 2,048 buckets, whose write positions in the three arrays a pass moves stay in a core's
 * cache, where 65,536 buckets (16 bits) missed it on nearly every write.
 */
const DIGIT_BITS = 11;

/** Rows in ascending order, and the sortable words of their values in the same order. */
interface Sorted {
  rows: Uint32Array;
  high: Uint32Array;
  low: Uint32Array;
}

/**
 * The arrays a sort works in besides the rows it returns (20 MB at a million rows), for a caller that sorts several
 * columns of one length in turn to pass from one to the next: preparation sorts six, and making and dropping them per
 * column put a fifth of its time in garbage collection.
 */
export class SortScratch {
  readonly rows: Uint32Array;
  readonly high: [Uint32Array, Uint32Array];
  readonly low: [Uint32Array, Uint32Array];
  readonly digits: Uint16Array;

  constructor(readonly size: number) {
    const words = () => new Uint32Array(size);
    this.rows = words();
    this.high = [words(), words()];
    this.low = [words(), words()];
    this.digits = new Uint16Array(size);
  }
}

/**
 * Rows ordered by value, ties by row, values that are not finite last: the rows with a value listed first, each value's
 * bits made to sort as unsigned integers (negative numbers have every bit flipped, others their sign bit; -0 is read
 * as 0), then stable passes of counting sort over those rows, lowest digit first, over only the bits in which values
 * differ (a column of whole numbers below 2²¹ leaves every bit of the low word alone). The rows returned are a new
 * array; the words are the scratch's.
 */
function radixSort(key: Float64Array, scratch: SortScratch): { sorted: Sorted; present: number } {
  const size = key.length;
  const rows = new Uint32Array(size);
  // Each pass moves the rows to the other array: they must end in the one returned, so where they start depends on
  // the number of passes, known once the words are written; they are written into `rows` and moved if need be.
  const present = sortableWords(key, rows, scratch.high[0], scratch.low[0]);
  const [from, to] = varyingBits(scratch.high[0], scratch.low[0], present);
  const span = to - from + 1;
  const passes = Math.ceil(span / DIGIT_BITS);
  const width = Math.ceil(span / Math.max(1, passes));
  // Rows without a value stay where they are, at the end of both arrays.
  scratch.rows.set(rows.subarray(present), present);
  if (passes % 2 === 1) scratch.rows.set(rows.subarray(0, present));
  let sorted: Sorted = { rows: passes % 2 === 1 ? scratch.rows : rows, high: scratch.high[0], low: scratch.low[0] };
  let spare: Sorted = { rows: passes % 2 === 1 ? rows : scratch.rows, high: scratch.high[1], low: scratch.low[1] };
  for (let pass = 0; pass < passes; pass++) {
    const shift = from + pass * width;
    countingPass(sorted, spare, present, scratch.digits, shift, Math.min(width, to + 1 - shift));
    [sorted, spare] = [spare, sorted];
  }
  return { sorted, present };
}

/**
 * Lists in `rows` the rows with a finite value, then the others, each in row order; writes the sortable words of the
 * first ones' values in the same order; returns how many there are.
 */
function sortableWords(key: Float64Array, rows: Uint32Array, sortedHigh: Uint32Array, sortedLow: Uint32Array): number {
  const words = new Uint32Array(key.buffer, key.byteOffset, key.length * 2);
  let present = 0;
  let missing = key.length;
  for (let row = 0; row < key.length; row++) {
    const value = key[row]!;
    if (!Number.isFinite(value)) {
      rows[--missing] = row;
      continue;
    }
    const high = words[row * 2 + HIGH_WORD]!;
    const low = words[row * 2 + LOW_WORD]!;
    rows[present] = row;
    if (value === 0) {
      sortedHigh[present] = SIGN;
      sortedLow[present] = 0;
    } else if ((high & SIGN) !== 0) {
      sortedHigh[present] = ~high >>> 0;
      sortedLow[present] = ~low >>> 0;
    } else {
      sortedHigh[present] = (high | SIGN) >>> 0;
      sortedLow[present] = low;
    }
    present++;
  }
  // They were listed from the end down.
  rows.subarray(present).reverse();
  return present;
}

/** The lowest and highest bit (0 to 63, the high word's above the low's) in which two of the first `count` differ. */
function varyingBits(high: Uint32Array, low: Uint32Array, count: number): [number, number] {
  let [differentHigh, differentLow] = [0, 0];
  for (let i = 1; i < count; i++) {
    differentHigh |= high[i]! ^ high[0]!;
    differentLow |= low[i]! ^ low[0]!;
  }
  if (differentHigh === 0 && differentLow === 0) return [0, -1];
  const lowest = differentLow !== 0 ? lowestBit(differentLow) : 32 + lowestBit(differentHigh);
  const highest = differentHigh !== 0 ? 63 - Math.clz32(differentHigh) : 31 - Math.clz32(differentLow);
  return [lowest, highest];
}

function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/** One stable counting pass of the first `count` entries over `width` bits from bit `shift` of the words, into `to`. */
function countingPass(
  from: Sorted,
  to: Sorted,
  count: number,
  digits: Uint16Array,
  shift: number,
  width: number,
): void {
  const { high, low, rows } = from;
  const mask = (1 << width) - 1;
  if (shift >= 32) for (let i = 0; i < count; i++) digits[i] = (high[i]! >>> (shift - 32)) & mask;
  else if (shift === 0) for (let i = 0; i < count; i++) digits[i] = low[i]! & mask;
  // A digit may straddle the two words; the high word's bits beyond it are masked off.
  else for (let i = 0; i < count; i++) digits[i] = ((low[i]! >>> shift) | (high[i]! << (32 - shift))) & mask;
  const next = new Uint32Array(mask + 2);
  for (let i = 0; i < count; i++) next[digits[i]! + 1]!++;
  for (let digit = 0; digit <= mask; digit++) next[digit + 1]! += next[digit]!;
  for (let i = 0; i < count; i++) {
    const at = next[digits[i]!]!++;
    to.high[at] = high[i]!;
    to.low[at] = low[i]!;
    to.rows[at] = rows[i]!;
  }
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
