import type { CatalogIndex } from './catalog-index.ts';
import type { Condition } from './conditions.ts';

/**
 * The rows meeting every condition, in no particular order, or null when there is no condition (every row). Visits
 * the rows of the smallest condition and tests the others, so the cost follows the most selective condition rather
 * than the snapshot. The result lives in the index's scratch array: read it before the next call.
 */
export function matchRows(index: CatalogIndex, conditions: readonly Condition[]): Uint32Array | null {
  if (conditions.length === 0) return null;
  const [driver, ...others] = [...conditions].sort((a, b) => a.size - b.size) as [Condition, ...Condition[]];
  const out = index.matches;
  let count = 0;
  if (driver.size === 0) return out.subarray(0, 0);
  if (others.length === 0) {
    driver.forEachRow((row) => (out[count++] = row));
  } else if (others.length === 1) {
    const other = others[0]!;
    driver.forEachRow((row) => {
      if (other.has(row)) out[count++] = row;
    });
  } else {
    driver.forEachRow((row) => {
      for (const other of others) if (!other.has(row)) return;
      out[count++] = row;
    });
  }
  return out.subarray(0, count);
}

/** How many rows meet every condition; a single exact condition knows without visiting a row. */
export function countRows(index: CatalogIndex, conditions: readonly Condition[]): number {
  if (conditions.length === 0) return index.size;
  if (conditions.length === 1 && conditions[0]!.exact) return conditions[0]!.size;
  return matchRows(index, conditions)!.length;
}
