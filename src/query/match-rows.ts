import { countBits, keepBits, listBits, type Bitset } from './bitset.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { Condition } from './conditions.ts';

/**
 * The rows meeting every condition of a query, and how many: listed when the query is selective, as a bitset when
 * it is not. Either lives in one of the index's scratch arrays: read it before that slot is written again.
 */
export interface MatchSet {
  readonly count: number;
  readonly rows: Uint32Array | null;
  readonly bits: Bitset | null;
  /** Room for the rows of `bits`, when a reader wants them listed. */
  readonly spareRows: Uint32Array;
  /** The rows of `bits` once listed into `spareRows`, for the next reader. */
  listed: Uint32Array | null;
}

/**
 * A condition admitting more than one row in this many is intersected as a bitset, a word (32 rows) at a time, with
 * the others ANDed in; a smaller one has its rows visited and the others tested per row. At a million rows that is
 * 15,600 rows against 31,250 words per condition, about the same time.
 */
const DENSE = 64;

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
  const checked = conditions.filter((condition) => condition.check !== undefined);
  if (driver.size * DENSE >= index.size) return intersectBits(driver, others, index.scratchBits[slot], out, checked);
  const releases = others.map((other) => other.testing(driver.size));
  try {
    const count = keepChecked(out, listMatching(driver, others, out), checked);
    return { count, rows: out.subarray(0, count), bits: null, spareRows: out, listed: null };
  } finally {
    for (const release of releases) release();
  }
}

/** Writes into `out` the rows of `driver` that meet every other condition; returns how many. */
function listMatching(driver: Condition, others: readonly Condition[], out: Uint32Array): number {
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
  return count;
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
  out: Bitset,
  spareRows: Uint32Array,
  checked: readonly Condition[],
): MatchSet {
  driver.writeBits(out);
  // The last AND counts the rows in its own pass, unless checks follow: they count what they keep.
  const counted = checked.length === 0 ? others.length - 1 : others.length;
  for (let i = 0; i < counted; i++) others[i]!.andBits(out);
  let count: number;
  if (checked.length > 0) count = keepBits(out, checkOf(checked));
  else count = counted < 0 ? countBits(out) : others[counted]!.andBitsCounting(out);
  return { count, rows: null, bits: out, spareRows, listed: null };
}

function passesChecks(row: number, checked: readonly Condition[]): boolean {
  for (const condition of checked) if (!condition.check!(row)) return false;
  return true;
}

/** The test of every check: the one check itself, as a search alone has, called per candidate without a loop. */
function checkOf(checked: readonly Condition[]): (row: number) => boolean {
  return checked.length === 1 ? checked[0]!.check! : (row) => passesChecks(row, checked);
}

/** Keeps, in order, those of the first `count` of `rows` that every exact check admits; returns how many. */
function keepChecked(rows: Uint32Array, count: number, checked: readonly Condition[]): number {
  if (checked.length === 0) return count;
  let kept = 0;
  const check = checkOf(checked);
  for (let i = 0; i < count; i++) if (check(rows[i]!)) rows[kept++] = rows[i]!;
  return kept;
}

/** The rows of a match set, listed: as they are, or read from its bitset into its spare row array. */
export function listedRows(matches: MatchSet): Uint32Array {
  if (matches.rows !== null) return matches.rows;
  matches.listed ??= matches.spareRows.subarray(0, listBits(matches.bits!, matches.spareRows));
  return matches.listed;
}
