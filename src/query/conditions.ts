import {
  andBits,
  andCount,
  andUnion,
  clearPastEnd,
  countBits,
  forEachBit,
  hasBit,
  setRows,
  writeUnion,
  type Bitset,
} from './bitset.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { FacetName } from './model-query.ts';
import type { RangeBits } from './range-bits.ts';
import type { RowSet } from './row-set.ts';
import type { ColumnOrders, SortedOrder } from './sorted-order.ts';
import type { ValueIndex } from './value-index.ts';

/**
 * One condition of a filter over a snapshot's rows. A selective query visits the rows of its smallest condition and
 * tests the others one row at a time; an unselective one writes the smallest as a bitset and ANDs the others into it
 * a word at a time. So a condition can list its rows, answer for one row, and write or AND its rows as a bitset, each
 * from what the index keeps for every snapshot, never from a structure made for this filter.
 */
export interface Condition {
  /** The facet whose counts leave this condition out; null for conditions no facet shows. */
  readonly facet: FacetName | null;
  /** How many rows it admits: exact, or an upper bound when `exact` is false. */
  readonly size: number;
  readonly exact: boolean;
  has(row: number): boolean;
  /** The admitted rows as lists whose union they are, each row in one list only; null when not kept as lists. */
  rowLists(): readonly Uint32Array[] | null;
  /** Calls `visit` once for each admitted row, in no particular order. */
  forEachRow(visit: (row: number) => void): void;
  /** Makes `out` exactly the admitted rows. */
  writeBits(out: Bitset): void;
  /** Keeps in `out` only the admitted rows. */
  andBits(out: Bitset): void;
  /** As `andBits`, returning how many rows `out` then holds: the last AND of a match counts in its own pass. */
  andBitsCounting(out: Bitset): number;
  /** Where in `order` the admitted rows lie, when that is one range: a bound on the order's own field. */
  positionsIn?(order: SortedOrder): [number, number] | null;
  /**
   * Readies `has` for about `visits` calls: a condition whose test reads a column (a cache miss per row, at a million
   * rows) writes its rows into a borrowed bitset once there are enough of them. Returns what gives the bitset back.
   */
  testing(visits: number): () => void;
  /**
   * The exact test of a condition whose rows (its lists, bitsets and `has`) are candidates, a superset of what it
   * admits: matching applies it last, only to the rows that meet every other condition. Absent when they are exact.
   */
  readonly check?: (row: number) => boolean;
}

/**
 * Writing a condition's rows as a bitset costs n/32 words and its rows; a test that reads a column costs a cache miss
 * (at a million rows), about thirty words' worth. So from one test per this many rows on, the bitset is cheaper.
 */
const ROWS_PER_TEST = 1024;

abstract class BaseCondition implements Condition {
  abstract readonly facet: FacetName | null;
  abstract readonly size: number;
  readonly exact: boolean = true;

  #testBits: Bitset | null = null;

  constructor(protected readonly index: CatalogIndex) {}

  has(row: number): boolean {
    return this.#testBits === null ? this.test(row) : hasBit(this.#testBits, row);
  }

  /** Whether the row is admitted, read from what the condition keeps (a bitset, or a column). */
  protected abstract test(row: number): boolean;
  /** Whether `test` reads a bitset already, so writing one would gain nothing. */
  protected abstract readonly testsBits: boolean;
  abstract rowLists(): readonly Uint32Array[] | null;

  testing(visits: number): () => void {
    if (this.testsBits || visits * ROWS_PER_TEST < this.index.size) return () => undefined;
    const bits = this.index.borrowBits();
    this.writeBits(bits);
    this.#testBits = bits;
    return () => {
      this.#testBits = null;
      this.index.releaseBits(bits);
    };
  }

  forEachRow(visit: (row: number) => void): void {
    for (const list of this.rowLists() ?? []) for (let i = 0; i < list.length; i++) visit(list[i]!);
  }

  writeBits(out: Bitset): void {
    out.fill(0);
    for (const list of this.rowLists() ?? []) setRows(out, list);
  }

  /** In one pass over `out`: each kind of condition ANDs what it keeps (a bitset, a union of values, a range). */
  abstract andBits(out: Bitset): void;

  andBitsCounting(out: Bitset): number {
    const bits = this.plainBits();
    if (bits !== null) return andCount(out, bits);
    this.andBits(out);
    return countBits(out);
  }

  /** The admitted rows as one bitset the index keeps, when they are that; null otherwise. */
  protected plainBits(): Bitset | null {
    return null;
  }
}

/** Tests a few codes by comparison, more with a mask over the column's codes, made when a row is first tested. */
class CodeTest {
  #mask: Uint8Array | null = null;

  constructor(
    private readonly codes: readonly number[],
    private readonly values: number,
  ) {}

  has(code: number): boolean {
    const codes = this.codes;
    if (codes.length <= 4) return code === codes[0] || code === codes[1] || code === codes[2] || code === codes[3];
    if (this.#mask === null) {
      this.#mask = new Uint8Array(this.values);
      for (const listed of codes) if (listed >= 0) this.#mask[listed] = 1;
    }
    return code >= 0 && this.#mask[code] === 1;
  }
}

/** Rows holding any of some codes of a column whose rows per code the index keeps; one common code is its bitset. */
abstract class ValuesCondition extends BaseCondition {
  readonly size: number;
  protected readonly bits: Bitset | null;
  protected readonly codeTest: CodeTest;

  constructor(
    index: CatalogIndex,
    protected readonly values: ValueIndex,
    protected readonly codes: readonly number[],
  ) {
    super(index);
    this.size = codes.reduce((sum, code) => sum + values.count(code), 0);
    this.bits = codes.length === 1 ? values.bitsOf(codes[0]!) : null;
    this.codeTest = new CodeTest(
      codes.filter((code) => code >= 0),
      values.codes,
    );
  }

  protected get testsBits(): boolean {
    return this.bits !== null;
  }

  protected override plainBits(): Bitset | null {
    return this.bits;
  }

  override writeBits(out: Bitset): void {
    const { bitsets, lists } = this.#parts();
    writeUnion(out, bitsets, lists);
  }

  /** One pass over `out`, where a union written apart and then ANDed took three. */
  override andBits(out: Bitset): void {
    if (this.bits !== null) {
      andBits(out, this.bits);
      return;
    }
    const { bitsets, lists } = this.#parts();
    andUnion(out, bitsets, lists);
  }

  /** The codes' rows: bitsets of the common ones, posting lists of the others. */
  #parts(): { bitsets: Bitset[]; lists: Uint32Array[] } {
    const bitsets: Bitset[] = [];
    const lists: Uint32Array[] = [];
    for (const code of this.codes) {
      if (code < 0) continue;
      const bits = this.values.bitsOf(code);
      if (bits === null) lists.push(this.values.rowsOf(code));
      else bitsets.push(bits);
    }
    return { bitsets, lists };
  }
}

/**
 * A column holding one code per row, admitting any of `codes` (distinct; -1, a value no row has, admits nothing).
 * Its rows are the codes' posting lists.
 */
export class CodeCondition extends ValuesCondition {
  constructor(
    index: CatalogIndex,
    readonly facet: FacetName | null,
    private readonly column: ArrayLike<number>,
    values: ValueIndex,
    codes: readonly number[],
  ) {
    super(index, values, codes);
  }

  protected test(row: number): boolean {
    return this.bits === null ? this.codeTest.has(this.column[row]!) : hasBit(this.bits, row);
  }

  rowLists(): readonly Uint32Array[] {
    return this.codes.map((code) => this.values.rowsOf(code));
  }
}

/**
 * A column holding a run of codes per row (`start[row]` up to `start[row + 1]`), admitting rows that carry any of
 * `codes`. One code's rows are its posting list; several codes' lists overlap (a row with two of them is in both), so
 * their total is only a bound.
 */
export class RunCondition extends ValuesCondition {
  override readonly exact: boolean;

  constructor(
    index: CatalogIndex,
    readonly facet: FacetName | null,
    private readonly start: Uint32Array,
    private readonly column: Int32Array,
    values: ValueIndex,
    codes: readonly number[],
    /** Whether run entry `entry` counts at all (a mapping of a wanted status). */
    private readonly keep: ((entry: number) => boolean) | null = null,
  ) {
    super(index, values, codes);
    this.exact = codes.length <= 1;
  }

  protected test(row: number): boolean {
    if (this.bits !== null) return hasBit(this.bits, row);
    const { start, column, keep } = this;
    for (let entry = start[row]!; entry < start[row + 1]!; entry++) {
      if (this.codeTest.has(column[entry]!) && (keep === null || keep(entry))) return true;
    }
    return false;
  }

  rowLists(): readonly Uint32Array[] | null {
    return this.codes.length === 1 ? [this.values.rowsOf(this.codes[0]!)] : null;
  }

  /** Each row once, though several of its codes may be listed: marked as visited, the marks cleared afterwards. */
  override forEachRow(visit: (row: number) => void): void {
    const lists = this.codes.map((code) => this.values.rowsOf(code));
    const seen = this.index.marks;
    for (const list of lists) {
      for (const row of list) {
        if (seen[row] === 1) continue;
        seen[row] = 1;
        visit(row);
      }
    }
    for (const list of lists) for (const row of list) seen[row] = 0;
  }
}

/**
 * A numeric column within bounds: a range of positions of its ascending order, found by binary search. Its rows are
 * that slice of the order; as a bitset, the nearest boundary bitsets and the rows between them and the range's ends.
 */
export class RangeCondition extends BaseCondition {
  readonly size: number;
  readonly #range: [number, number];

  constructor(
    index: CatalogIndex,
    readonly facet: FacetName | null,
    private readonly column: Float64Array,
    private readonly orders: ColumnOrders,
    private readonly bits: RangeBits,
    private readonly minimum: number,
    private readonly maximum: number,
  ) {
    super(index);
    // An open end needs no search: every row with a value lies beyond it.
    const from = minimum === -Infinity ? 0 : orders.atLeast(minimum)[0];
    const to = maximum === Infinity ? orders.present : orders.atMost(maximum)[1];
    this.#range = [from, Math.max(from, to)];
    this.size = this.#range[1] - from;
  }

  protected readonly testsBits = false;

  protected test(row: number): boolean {
    const value = this.column[row]!;
    // NaN, a row without a value, fails both.
    return value >= this.minimum && value <= this.maximum;
  }

  rowLists(): readonly Uint32Array[] {
    return [this.orders.ascendingRows.subarray(...this.#range)];
  }

  override writeBits(out: Bitset): void {
    this.bits.write(out, ...this.#range);
  }

  override andBits(out: Bitset): void {
    this.bits.and(out, ...this.#range);
  }

  override andBitsCounting(out: Bitset): number {
    return this.bits.andCounting(out, ...this.#range);
  }

  /** Its range of its column's ascending order, or the matching one of the descending order. */
  positionsIn(order: SortedOrder): [number, number] | null {
    const [from, to] = this.#range;
    if (order === this.orders.ascending) return [from, to];
    if (order === this.orders.descending) return [this.orders.present - to, this.orders.present - from];
    return null;
  }
}

/** Rows of a set made for the request (a search's matches) or kept by the index (rows with any live provider). */
export class RowSetCondition extends BaseCondition {
  readonly size: number;

  constructor(
    index: CatalogIndex,
    private readonly set: RowSet,
    readonly facet: FacetName | null = null,
  ) {
    super(index);
    this.size = set.count;
  }

  protected get testsBits(): boolean {
    return this.set.bits !== null;
  }

  protected test(row: number): boolean {
    const { bits, rows } = this.set;
    if (bits !== null) return hasBit(bits, row);
    return binarySearch(rows!, row);
  }

  rowLists(): readonly Uint32Array[] | null {
    return this.set.rows === null ? null : [this.set.rows];
  }

  override forEachRow(visit: (row: number) => void): void {
    if (this.set.rows !== null) super.forEachRow(visit);
    else forEachBit(this.set.bits!, visit);
  }

  override writeBits(out: Bitset): void {
    if (this.set.bits === null) super.writeBits(out);
    else out.set(this.set.bits);
  }

  override andBits(out: Bitset): void {
    if (this.set.bits === null) andUnion(out, [], [this.set.rows!]);
    else andBits(out, this.set.bits);
  }

  protected override plainBits(): Bitset | null {
    return this.set.bits;
  }
}

/**
 * A search whose candidates (the rows holding all its trigrams) are many more than another condition admits: each is
 * checked against its id only where every other condition holds, rather than all of them up front.
 */
export class CandidateCondition extends RowSetCondition {
  override readonly exact = false;
  /** The exact test, made once: matching applies it to every candidate meeting the other conditions. */
  readonly check: (row: number) => boolean;

  constructor(index: CatalogIndex, candidates: RowSet, needle: string) {
    super(index, candidates);
    this.check = index.idContaining(needle);
  }
}

/** Rows passing a bitset (`passing` true), or failing it: the quality bar. */
export class BitsCondition extends BaseCondition {
  readonly size: number;

  constructor(
    index: CatalogIndex,
    readonly facet: FacetName,
    private readonly rows: Uint32Array,
    private readonly bits: Bitset,
    private readonly passing: boolean,
  ) {
    super(index);
    this.size = passing ? rows.length : index.size - rows.length;
  }

  protected readonly testsBits = true;

  protected test(row: number): boolean {
    return hasBit(this.bits, row) === this.passing;
  }

  rowLists(): readonly Uint32Array[] | null {
    return this.passing ? [this.rows] : null;
  }

  override forEachRow(visit: (row: number) => void): void {
    if (this.passing) super.forEachRow(visit);
    else for (let row = 0; row < this.index.size; row++) if (!hasBit(this.bits, row)) visit(row);
  }

  override writeBits(out: Bitset): void {
    if (this.passing) {
      out.set(this.bits);
      return;
    }
    for (let word = 0; word < out.length; word++) out[word] = ~this.bits[word]!;
    clearPastEnd(out, this.index.size);
  }

  override andBits(out: Bitset): void {
    if (this.passing) andBits(out, this.bits);
    else for (let word = 0; word < out.length; word++) out[word]! &= ~this.bits[word]!;
  }

  protected override plainBits(): Bitset | null {
    return this.passing ? this.bits : null;
  }
}

function binarySearch(rows: Uint32Array, row: number): boolean {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle]! < row) low = middle + 1;
    else high = middle;
  }
  return low < rows.length && rows[low] === row;
}
