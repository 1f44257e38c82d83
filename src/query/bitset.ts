/**
 * Sets of rows as bitsets: one bit per row, 32 rows per word, row `r` at bit `r & 31` of word `r >>> 5`. A million
 * rows take 125 KB, so a conjunction of unselective conditions is a pass over a few hundred kilobytes, whatever the
 * number of rows they admit.
 */
export type Bitset = Uint32Array;

export function newBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function hasBit(bits: Bitset, row: number): boolean {
  return (bits[row >>> 5]! & (1 << (row & 31))) !== 0;
}

export function setBit(bits: Bitset, row: number): void {
  bits[row >>> 5]! |= 1 << (row & 31);
}

/** Sets the bits of `rows[from]` up to `rows[to]`. */
export function setRows(bits: Bitset, rows: ArrayLike<number>, from = 0, to = rows.length): void {
  for (let i = from; i < to; i++) bits[rows[i]! >>> 5]! |= 1 << (rows[i]! & 31);
}

/** Clears the bits of `rows[from]` up to `rows[to]`. */
export function clearRows(bits: Bitset, rows: ArrayLike<number>, from = 0, to = rows.length): void {
  for (let i = from; i < to; i++) bits[rows[i]! >>> 5]! &= ~(1 << (rows[i]! & 31));
}

/** `out` becomes `out AND other`. */
export function andBits(out: Bitset, other: Bitset): void {
  for (let word = 0; word < out.length; word++) out[word]! &= other[word]!;
}

/**
 * `out` becomes `out AND (the union of bitsets and lists)`, in one pass over `out` whatever the number of values: the
 * listed rows `out` holds are noted first (lists are of rare values, a few thousand rows at most), `out` is ANDed with
 * the union of the bitsets (or cleared, when there are none), and the noted rows are set again.
 */
export function andUnion(out: Bitset, bitsets: readonly Bitset[], lists: readonly Uint32Array[]): void {
  let listed = 0;
  for (const list of lists) listed += list.length;
  const kept = keptRows(listed);
  let count = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) if (hasBit(out, list[i]!)) kept[count++] = list[i]!;
  }
  const [a, b] = bitsets;
  if (a === undefined) out.fill(0);
  else if (b === undefined) andBits(out, a);
  else if (bitsets.length === 2) for (let word = 0; word < out.length; word++) out[word]! &= a[word]! | b[word]!;
  else {
    for (let word = 0; word < out.length; word++) {
      let union = 0;
      for (const bits of bitsets) union |= bits[word]!;
      out[word]! &= union;
    }
  }
  setRows(out, kept, 0, count);
}

/** `out` becomes the union of bitsets and lists: a copy of the first bitset, the others ORed in, the rows set. */
export function writeUnion(out: Bitset, bitsets: readonly Bitset[], lists: readonly Uint32Array[]): void {
  const [first, ...others] = bitsets;
  if (first === undefined) out.fill(0);
  else out.set(first);
  for (const bits of others) orBits(out, bits);
  for (const list of lists) setRows(out, list);
}

/**
 * Room for the rows `andUnion` notes, kept between calls (they run one at a time): a router's rarer licenses and
 * languages list tens of thousands of rows at a million, which a new array per request would hand to the collector.
 * It grows to the most rows one condition has listed, at most one per row of the largest catalog.
 */
let keptScratch = new Uint32Array(1024);

function keptRows(length: number): Uint32Array {
  if (keptScratch.length < length) keptScratch = new Uint32Array(Math.max(length, keptScratch.length * 2));
  return keptScratch;
}

/** Clears the bits past the last row, which a complement sets. */
export function clearPastEnd(bits: Bitset, size: number): void {
  if ((size & 31) !== 0) bits[bits.length - 1]! &= (1 << (size & 31)) - 1;
}

/** `out` becomes `out OR other`. */
export function orBits(out: Bitset, other: Bitset): void {
  for (let word = 0; word < out.length; word++) out[word]! |= other[word]!;
}

/**
 * Bits set in a word, by adding neighbouring bit counts in parallel (JavaScript has no popcount instruction). No
 * branch and no table: a test for zero words, or two lookups in a 64 KB table, cost more than they save once the
 * words are neither almost all zero nor almost all set (branches mispredicted: 0.3 ms against 0.11 ms for the 31,250
 * words of a million rows, measured here).
 */
export function bitsIn(word: number): number {
  let value = word - ((word >>> 1) & 0x55555555);
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return Math.imul((value + (value >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function countBits(bits: Bitset): number {
  let count = 0;
  for (let word = 0; word < bits.length; word++) count += bitsIn(bits[word]!);
  return count;
}

/** `out` becomes `out AND other`; returns how many rows it then holds, counted in the same pass. */
export function andCount(out: Bitset, other: Bitset): number {
  let count = 0;
  for (let word = 0; word < out.length; word++) count += bitsIn((out[word]! &= other[word]!));
  return count;
}

/** Clears the bits of `rows[from]` up to `rows[to]`; returns how many of them were set. */
export function clearRowsCounting(bits: Bitset, rows: ArrayLike<number>, from: number, to: number): number {
  let cleared = 0;
  for (let i = from; i < to; i++) {
    const word = rows[i]! >>> 5;
    const mask = 1 << (rows[i]! & 31);
    if ((bits[word]! & mask) !== 0) cleared++;
    bits[word]! &= ~mask;
  }
  return cleared;
}

/** How many rows two bitsets share. */
export function countShared(a: Bitset, b: Bitset): number {
  let count = 0;
  for (let word = 0; word < a.length; word++) count += bitsIn(a[word]! & b[word]!);
  return count;
}

/** How many rows from `from` up to `to` (exclusive) are set: a popcount per word, the end words masked. */
export function countBitsInRange(bits: Bitset, from: number, to: number): number {
  if (from >= to) return 0;
  const first = from >>> 5;
  const last = (to - 1) >>> 5;
  const head = -1 << (from & 31);
  const tail = -1 >>> (31 - ((to - 1) & 31));
  if (first === last) return bitsIn(bits[first]! & head & tail);
  let count = bitsIn(bits[first]! & head) + bitsIn(bits[last]! & tail);
  for (let word = first + 1; word < last; word++) count += bitsIn(bits[word]!);
  return count;
}

/** Rows read between two checks of whether a count can still reach what it needs: a comparison per 64 bit reads. */
export const REACH_CHECK = 64;

/**
 * How many of the listed rows are set, or -1 as soon as fewer than `need` could be: the count so far plus the rows
 * left to read is an exact upper bound, so a caller that only wants counts of at least `need` reads each list until
 * it cannot get there.
 */
export function countListedReaching(bits: Bitset, rows: ArrayLike<number>, need: number): number {
  let count = 0;
  for (let start = 0; start < rows.length; start += REACH_CHECK) {
    if (count + rows.length - start < need) return -1;
    const end = Math.min(rows.length, start + REACH_CHECK);
    for (let i = start; i < end; i++) count += (bits[rows[i]! >>> 5]! >>> (rows[i]! & 31)) & 1;
  }
  return count < need ? -1 : count;
}

/** Writes the rows whose bit is set into `out`, ascending, and returns how many there are. */
export function listBits(bits: Bitset, out: Uint32Array): number {
  let count = 0;
  for (let word = 0; word < bits.length; word++) {
    let remaining = bits[word]!;
    const base = word << 5;
    while (remaining !== 0) {
      const lowest = remaining & -remaining;
      out[count++] = base + 31 - Math.clz32(lowest);
      remaining ^= lowest;
    }
  }
  return count;
}

/** Clears the set bits whose row `keep` refuses, in one pass over `bits`; returns how many stay set. */
export function keepBits(bits: Bitset, keep: (row: number) => boolean): number {
  let count = 0;
  for (let word = 0; word < bits.length; word++) {
    let remaining = bits[word]!;
    while (remaining !== 0) {
      const lowest = remaining & -remaining;
      if (keep((word << 5) + 31 - Math.clz32(lowest))) count++;
      else bits[word]! &= ~lowest;
      remaining ^= lowest;
    }
  }
  return count;
}

/** Calls `visit` with each row whose bit is set, ascending. */
export function forEachBit(bits: Bitset, visit: (row: number) => void): void {
  for (let word = 0; word < bits.length; word++) {
    let remaining = bits[word]!;
    const base = word << 5;
    while (remaining !== 0) {
      const lowest = remaining & -remaining;
      visit(base + 31 - Math.clz32(lowest));
      remaining ^= lowest;
    }
  }
}
