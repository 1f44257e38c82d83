import type { CatalogIndex } from './catalog-index.ts';
import type { Condition } from './conditions.ts';

/**
 * The rows meeting every condition of a query, and how many: listed when the query is selective, as a bitset when
 * it is not. Either lives in one of the index's scratch arrays: read it before that slot is written again.
 */
export interface MatchSet {
  readonly count: number;
  readonly rows: Uint32Array | null;
  readonly bits: Uint32Array | null;
  /** Room for the rows of `bits`, when a reader wants them listed. */
  readonly spareRows: Uint32Array;
}

/**
 * The rows meeting every condition, or null when there is no condition (every row). A selective query visits the
 * rows of its smallest condition and tests the others; an unselective one ANDs the conditions' bitsets. Either way the
 * cost follows the most selective condition, or the snapshot's size divided by 32, never its size.
 */
export function matchRows(
  index: CatalogIndex,
  conditions: readonly Condition[],
  slot: 'all' | 'facet',
): MatchSet | null {
  if (conditions.length === 0) return null;
  if (slot === 'all') index.generation++;
  const [driver, ...others] = [...conditions].sort((a, b) => a.size - b.size) as [Condition, ...Condition[]];
  const out = index.scratch[slot];
  if (index.isDense(driver.size)) return intersectBits(driver, others, index.scratchBits[slot], out);
  const lists = driver.rowLists();
  let count = 0;
  if (lists === null) {
    driver.forEachRow((row) => {
      for (const other of others) if (!other.has(row)) return;
      out[count++] = row;
    });
  } else {
    for (const list of lists) count = keepMatching(list, others, out, count);
  }
  return { count, rows: out.subarray(0, count), bits: null, spareRows: out };
}

/** How many rows meet every condition; a single exact condition knows without visiting a row. */
export function countRows(index: CatalogIndex, conditions: readonly Condition[]): number {
  if (conditions.length === 0) return index.size;
  if (conditions.length === 1 && conditions[0]!.exact) return conditions[0]!.size;
  return matchRows(index, conditions, 'facet')!.count;
}

/** Appends to `out` at `count` the rows of `list` that meet every condition; loops unrolled for the usual few. */
function keepMatching(list: Uint32Array, others: readonly Condition[], out: Uint32Array, count: number): number {
  const [a, b] = others;
  if (a === undefined) {
    out.set(list, count);
    return count + list.length;
  }
  if (b === undefined) {
    for (let i = 0; i < list.length; i++) if (a.has(list[i]!)) out[count++] = list[i]!;
    return count;
  }
  const rest = others.slice(2);
  rows: for (let i = 0; i < list.length; i++) {
    const row = list[i]!;
    if (!a.has(row) || !b.has(row)) continue;
    for (const other of rest) if (!other.has(row)) continue rows;
    out[count++] = row;
  }
  return count;
}

function intersectBits(
  driver: Condition,
  others: readonly Condition[],
  out: Uint32Array,
  spareRows: Uint32Array,
): MatchSet {
  out.set(driver.bits());
  for (const other of others) {
    const bits = other.bits();
    for (let word = 0; word < out.length; word++) out[word]! &= bits[word]!;
  }
  let count = 0;
  for (let word = 0; word < out.length; word++) count += popcount(out[word]!);
  return { count, rows: null, bits: out, spareRows };
}

/** The rows of a match set, listed: as they are, or read from its bitset into its spare row array. */
export function listedRows(matches: MatchSet): Uint32Array {
  if (matches.rows !== null) return matches.rows;
  let count = 0;
  forEachBit(matches.bits!, (row) => (matches.spareRows[count++] = row));
  return matches.spareRows.subarray(0, count);
}

export function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Calls `visit` with each row whose bit is set (or, with `clear`, not set, below `size`), ascending. */
export function forEachBit(bits: Uint32Array, visit: (row: number) => void, clear = false, size = 0): void {
  for (let word = 0; word < bits.length; word++) {
    let remaining = clear ? ~bits[word]! : bits[word]!;
    while (remaining !== 0) {
      const lowest = remaining & -remaining;
      const row = (word << 5) + 31 - Math.clz32(lowest);
      if (clear && row >= size) return;
      visit(row);
      remaining ^= lowest;
    }
  }
}
