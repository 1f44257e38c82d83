const SEPARATOR = '\n';

/**
 * Case-insensitive substring search over every id: the lower-cased ids joined into one string, searched with the
 * engine's native `indexOf`, each hit mapped back to its row. One string instead of a million keeps the heap small
 * and the scan a single memory sweep.
 */
export class IdSearch {
  readonly #haystack: string;
  /** Where each row's lower-cased id starts in the haystack, plus the end. */
  readonly #starts: Uint32Array;

  constructor(ids: readonly string[]) {
    this.#starts = new Uint32Array(ids.length + 1);
    const lowered = ids.map((id, row) => {
      const lower = id.toLowerCase();
      this.#starts[row + 1] = this.#starts[row]! + lower.length + SEPARATOR.length;
      return lower;
    });
    this.#haystack = lowered.join(SEPARATOR) + SEPARATOR;
  }

  /** Rows whose lower-cased id contains `needle` (already lower-cased), ascending. */
  rowsContaining(needle: string): Uint32Array {
    const rows: number[] = [];
    // A needle spanning the separator would match across two ids; check such a needle id by id instead.
    if (needle.includes(SEPARATOR)) {
      for (let row = 0; row + 1 < this.#starts.length; row++) if (this.#lowerId(row).includes(needle)) rows.push(row);
      return Uint32Array.from(rows);
    }
    let at = this.#haystack.indexOf(needle);
    while (at !== -1) {
      const row = this.#rowAt(at);
      rows.push(row);
      at = this.#haystack.indexOf(needle, this.#starts[row + 1]);
    }
    return Uint32Array.from(rows);
  }

  #lowerId(row: number): string {
    return this.#haystack.slice(this.#starts[row], this.#starts[row + 1]! - SEPARATOR.length);
  }

  /** The row whose id spans haystack offset `at`. */
  #rowAt(at: number): number {
    let low = 0;
    let high = this.#starts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.#starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
