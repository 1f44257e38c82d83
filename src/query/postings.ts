/**
 * The rows holding each value of a column, ascending, all lists in one array (compressed sparse rows): the rows of
 * code `c` are `rows[start[c]]` up to `rows[start[c + 1]]`. A row is listed at most once per value, even when it
 * carries the value twice.
 */
export class Postings {
  private constructor(
    private readonly start: Uint32Array,
    private readonly rows: Uint32Array,
  ) {}

  /** Of a column with one code per row; -1 (absent) is not listed. */
  static ofColumn(column: ArrayLike<number>, codes: number): Postings {
    return Postings.build({ start: null, codes: column, keep: null }, codes, column.length);
  }

  /** Of a column with a run of codes per row (`runStart[row]` up to `runStart[row + 1]`), where `keep(entry)`. */
  static ofRuns(
    runStart: Uint32Array,
    runCodes: ArrayLike<number>,
    codes: number,
    keep: ((entry: number) => boolean) | null = null,
  ): Postings {
    return Postings.build({ start: runStart, codes: runCodes, keep }, codes, runStart.length - 1);
  }

  /** Two passes over the rows: count per code, then place. */
  private static build(column: Runs, codes: number, rowCount: number): Postings {
    const start = new Uint32Array(codes + 1);
    const lastRow = new Int32Array(codes).fill(-1);
    eachEntry(column, rowCount, lastRow, start.subarray(1), null);
    for (let code = 0; code < codes; code++) start[code + 1]! += start[code]!;
    const next = start.slice(0, codes);
    const rows = new Uint32Array(start[codes]!);
    lastRow.fill(-1);
    eachEntry(column, rowCount, lastRow, next, rows);
    return new Postings(start, rows);
  }

  get codes(): number {
    return this.start.length - 1;
  }

  count(code: number): number {
    return code < 0 || code >= this.codes ? 0 : this.start[code + 1]! - this.start[code]!;
  }

  rowsOf(code: number): Uint32Array {
    return code < 0 || code >= this.codes
      ? new Uint32Array(0)
      : this.rows.subarray(this.start[code], this.start[code + 1]);
  }
}

/** A column as runs of codes: one entry per row when `start` is null. */
interface Runs {
  start: Uint32Array | null;
  codes: ArrayLike<number>;
  keep: ((entry: number) => boolean) | null;
}

/**
 * Goes once over each row and code it holds (-1 and entries `keep` refuses left out, a repeated code once): counting
 * them per code in `slots` when `rows` is null, otherwise writing the row at its code's slot and moving the slot on.
 * One loop rather than a callback per entry: the two passes' callbacks made the call site polymorphic, and the calls
 * were half of building the lists.
 */
function eachEntry(
  column: Runs,
  rowCount: number,
  lastRow: Int32Array,
  slots: Uint32Array,
  rows: Uint32Array | null,
): void {
  const { start, codes: entries, keep } = column;
  for (let row = 0; row < rowCount; row++) {
    const end = start === null ? row + 1 : start[row + 1]!;
    for (let entry = start === null ? row : start[row]!; entry < end; entry++) {
      const code = entries[entry]!;
      if (code < 0 || lastRow[code] === row || (keep !== null && !keep(entry))) continue;
      lastRow[code] = row;
      if (rows === null) slots[code]!++;
      else rows[slots[code]!++] = row;
    }
  }
}
