import type { Bitset } from './bitset.ts';

/**
 * Rows made for one request (a search's matches): listed when few, ascending, as a bitset when many, so neither form
 * is ever much larger than the other.
 */
export interface RowSet {
  readonly count: number;
  readonly rows: Uint32Array | null;
  readonly bits: Bitset | null;
}
