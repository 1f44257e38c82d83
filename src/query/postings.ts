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
    return Postings.build(codes, column.length, (row, add) => {
      const code = column[row]!;
      if (code >= 0) add(code);
    });
  }

  /** Of a column with a run of codes per row (`runStart[row]` up to `runStart[row + 1]`), where `keep(entry)`. */
  static ofRuns(
    runStart: Uint32Array,
    runCodes: ArrayLike<number>,
    codes: number,
    keep: (entry: number) => boolean = () => true,
  ): Postings {
    return Postings.build(codes, runStart.length - 1, (row, add) => {
      for (let entry = runStart[row]!; entry < runStart[row + 1]!; entry++) if (keep(entry)) add(runCodes[entry]!);
    });
  }

  /** Two passes over the rows: count per code, then place; `lastRow` drops a value repeated within a row. */
  private static build(
    codes: number,
    rowCount: number,
    eachCode: (row: number, add: (code: number) => void) => void,
  ): Postings {
    const start = new Uint32Array(codes + 1);
    const lastRow = new Int32Array(codes).fill(-1);
    let row = 0;
    const count = (code: number) => {
      if (lastRow[code] === row) return;
      lastRow[code] = row;
      start[code + 1]!++;
    };
    for (row = 0; row < rowCount; row++) eachCode(row, count);
    for (let code = 0; code < codes; code++) start[code + 1]! += start[code]!;
    const next = start.slice(0, codes);
    const rows = new Uint32Array(start[codes]!);
    lastRow.fill(-1);
    const place = (code: number) => {
      if (lastRow[code] === row) return;
      lastRow[code] = row;
      rows[next[code]!++] = row;
    };
    for (row = 0; row < rowCount; row++) eachCode(row, place);
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
