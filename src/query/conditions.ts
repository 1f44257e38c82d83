import type { CatalogIndex, RowSet } from './catalog-index.ts';
import type { FacetName, QualityBar } from './model-query.ts';
import type { Postings } from './postings.ts';
import type { ColumnOrders, SortedOrder } from './sorted-order.ts';

/**
 * One condition of a filter over a snapshot's rows. A selective query visits the rows of its smallest condition and
 * tests the others one row at a time; an unselective one intersects the conditions' bitsets a word at a time. So a
 * condition can list its rows, answer for one row, and give its rows as a bitset.
 */
export interface Condition {
  /** The facet whose counts leave this condition out; null for conditions no facet shows. */
  readonly facet: FacetName | null;
  /** Equal keys admit equal rows of one snapshot: the name its bitset is cached under. */
  readonly key: string;
  /** How many rows it admits: exact, or an upper bound when `exact` is false. */
  readonly size: number;
  readonly exact: boolean;
  has(row: number): boolean;
  /** The admitted rows as lists whose union they are, each row in one list only; null when not kept as lists. */
  rowLists(): readonly Uint32Array[] | null;
  /** Calls `visit` once for each admitted row, in no particular order. */
  forEachRow(visit: (row: number) => void): void;
  /** The admitted rows as a bitset, kept in the index's cache: read it, never change it. */
  bits(): Uint32Array;
  /** Where in `order` the admitted rows lie, when that is one range: a minimum on the order's own field. */
  positionsIn?(order: SortedOrder): [number, number] | null;
}

abstract class BaseCondition implements Condition {
  abstract readonly facet: FacetName | null;
  abstract readonly key: string;
  abstract readonly size: number;
  readonly exact: boolean = true;
  /**
   * Set once a common condition is tested: one bit read in n/8 bytes beats reading a column spread over megabytes,
   * and the bitset, built once, is kept for the next request.
   */
  #testBits: Uint32Array | null = null;

  constructor(protected readonly index: CatalogIndex) {}

  has(row: number): boolean {
    if (this.#testBits === null) {
      if (!this.index.isCommon(this.size)) return this.test(row);
      this.#testBits = this.bits();
    }
    return (this.#testBits[row >>> 5]! & (1 << (row & 31))) !== 0;
  }

  /** Whether the row is admitted, read from its columns. */
  protected abstract test(row: number): boolean;
  abstract rowLists(): readonly Uint32Array[] | null;

  forEachRow(visit: (row: number) => void): void {
    for (const list of this.rowLists() ?? []) for (const row of list) visit(row);
  }

  bits(): Uint32Array {
    return this.index.conditionBits(this.key, (bits) => {
      const lists = this.rowLists();
      if (lists === null) this.forEachRow((row) => (bits[row >>> 5]! |= 1 << (row & 31)));
      else
        for (const list of lists) for (let i = 0; i < list.length; i++) bits[list[i]! >>> 5]! |= 1 << (list[i]! & 31);
    });
  }
}

/** A column holding one code per row, admitting the codes set in `mask`; its rows are the listed posting lists. */
export class CodeCondition extends BaseCondition {
  readonly size: number;
  #mask: Uint8Array | null = null;

  constructor(
    index: CatalogIndex,
    readonly facet: FacetName,
    readonly key: string,
    private readonly column: ArrayLike<number>,
    /** Makes the mask of admitted codes, when a row is first tested: a hundred thousand owners make a large one. */
    private readonly makeMask: () => Uint8Array,
    private readonly lists: readonly Uint32Array[],
  ) {
    super(index);
    this.size = lists.reduce((sum, list) => sum + list.length, 0);
  }

  /** Admits the rows of `codes` (distinct) in a column indexed by `postings`. */
  static of(
    index: CatalogIndex,
    facet: FacetName,
    column: ArrayLike<number>,
    postings: Postings,
    codes: readonly number[],
  ): CodeCondition {
    const makeMask = () => {
      const mask = new Uint8Array(postings.codes);
      for (const code of codes) mask[code] = 1;
      return mask;
    };
    const lists = codes.map((code) => postings.rowsOf(code));
    const key = `${facet}:${[...codes].sort((a, b) => a - b).join(',')}`;
    return new CodeCondition(index, facet, key, column, makeMask, lists);
  }

  protected test(row: number): boolean {
    const code = this.column[row]!;
    this.#mask ??= this.makeMask();
    return code >= 0 && this.#mask[code] === 1;
  }

  rowLists(): readonly Uint32Array[] {
    return this.lists;
  }
}

/** The row carries one tag. */
export class TagCondition extends BaseCondition {
  readonly facet = 'tags';
  readonly key: string;
  readonly size: number;

  constructor(
    index: CatalogIndex,
    private readonly tag: number,
  ) {
    super(index);
    this.key = `tag:${tag}`;
    this.size = index.tags.count(tag);
  }

  protected test(row: number): boolean {
    const { tagStart, tagCodes } = this.index.table;
    for (let entry = tagStart[row]!; entry < tagStart[row + 1]!; entry++) if (tagCodes[entry] === this.tag) return true;
    return false;
  }

  rowLists(): readonly Uint32Array[] {
    return [this.index.tags.rowsOf(this.tag)];
  }
}

/**
 * The row has a mapping of any of the providers (of any provider, when null) whose status is one of `statuses`: one
 * mapping must meet both.
 */
export class ProviderCondition extends BaseCondition {
  readonly facet = 'providers';
  readonly key: string;
  readonly size: number;
  override readonly exact: boolean;
  readonly #providerMask: Uint8Array | null;
  readonly #statusMask: Uint8Array;
  readonly #postings: Postings;
  readonly #anyProvider: RowSet | null;

  constructor(
    index: CatalogIndex,
    private readonly providers: readonly number[] | null,
    statuses: readonly number[],
  ) {
    super(index);
    this.#statusMask = index.statusMask(statuses);
    this.#postings = index.providerPostings(statuses);
    const statusKey = statuses.join(',');
    if (providers === null) {
      this.#providerMask = null;
      this.#anyProvider = index.rowsWithMappingStatus(statuses);
      this.key = `providers:*:${statusKey}`;
      this.size = this.#anyProvider.rows.length;
      this.exact = true;
      return;
    }
    this.#anyProvider = null;
    this.key = `providers:${[...providers].sort((a, b) => a - b).join(',')}:${statusKey}`;
    this.#providerMask = new Uint8Array(this.#postings.codes);
    for (const provider of providers) if (provider >= 0) this.#providerMask[provider] = 1;
    this.size = providers.reduce((sum, provider) => sum + this.#postings.count(provider), 0);
    // A model with a mapping of two of the providers is in both lists.
    this.exact = providers.length <= 1;
  }

  protected test(row: number): boolean {
    const { mappingStart, mappingProvider, mappingStatus } = this.index.table;
    const providerMask = this.#providerMask;
    for (let entry = mappingStart[row]!; entry < mappingStart[row + 1]!; entry++) {
      if (this.#statusMask[mappingStatus[entry]!] !== 1) continue;
      if (providerMask === null || providerMask[mappingProvider[entry]!] === 1) return true;
    }
    return false;
  }

  rowLists(): readonly Uint32Array[] | null {
    if (this.#anyProvider) return [this.#anyProvider.rows];
    return this.providers!.length === 1 ? [this.#postings.rowsOf(this.providers![0]!)] : null;
  }

  override bits(): Uint32Array {
    return this.#anyProvider?.bits ?? super.bits();
  }

  override forEachRow(visit: (row: number) => void): void {
    if (this.#anyProvider) {
      for (const row of this.#anyProvider.rows) visit(row);
      return;
    }
    const lists = this.providers!.map((provider) => this.#postings.rowsOf(provider));
    // Marks stay zero between queries; these are cleared before returning.
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

/** A numeric column at least `minimum`: a range of its ascending order, found by binary search. */
export class MinimumCondition extends BaseCondition {
  readonly facet = null;
  readonly key: string;
  readonly size: number;
  readonly #rows: Uint32Array;
  readonly #column: Float64Array;
  readonly #orders: ColumnOrders;
  readonly #ascending: [number, number];

  constructor(
    index: CatalogIndex,
    readonly field: 'DOWNLOADS' | 'LIKES',
    readonly minimum: number,
  ) {
    super(index);
    this.key = `${field}>=${minimum}`;
    this.#column = index.column(field);
    this.#orders = index.columnOrders(field);
    this.#ascending = this.#orders.atLeast(minimum);
    this.#rows = this.#orders.rowsBetween(...this.#ascending);
    this.size = this.#rows.length;
  }

  /** The end of its column's ascending order, or the start of the descending one. */
  positionsIn(order: SortedOrder): [number, number] | null {
    if (order === this.#orders.ascending) return this.#ascending;
    if (order === this.#orders.descending) return [0, this.size];
    return null;
  }

  protected test(row: number): boolean {
    const value = this.#column[row]!;
    return value >= this.minimum && Number.isFinite(value);
  }

  rowLists(): readonly Uint32Array[] {
    return [this.#rows];
  }
}

/** Rows of a set made for the request (a search's hits), which comes with its bitset. */
export class RowSetCondition extends BaseCondition {
  readonly facet = null;
  readonly size: number;

  constructor(
    index: CatalogIndex,
    readonly key: string,
    private readonly set: RowSet,
  ) {
    super(index);
    this.size = set.rows.length;
  }

  protected test(row: number): boolean {
    return (this.set.bits[row >>> 5]! & (1 << (row & 31))) !== 0;
  }

  rowLists(): readonly Uint32Array[] {
    return [this.set.rows];
  }

  override bits(): Uint32Array {
    return this.set.bits;
  }
}

/** Passes the quality bar (`passing` true), or fails it. */
export class QualityCondition extends BaseCondition {
  readonly facet = 'quality';
  readonly key: string;
  readonly size: number;
  readonly #passingRows: Uint32Array;

  constructor(
    index: CatalogIndex,
    private readonly bar: QualityBar,
    private readonly passing: boolean,
  ) {
    super(index);
    this.key = `quality:${bar.minDownloads}/${bar.minLikes}:${passing}`;
    this.#passingRows = index.qualityRows(bar);
    this.size = passing ? this.#passingRows.length : index.size - this.#passingRows.length;
  }

  protected test(row: number): boolean {
    return this.index.passesQualityBar(row, this.bar) === this.passing;
  }

  rowLists(): readonly Uint32Array[] | null {
    return this.passing ? [this.#passingRows] : null;
  }

  override forEachRow(visit: (row: number) => void): void {
    if (this.passing) {
      for (const row of this.#passingRows) visit(row);
      return;
    }
    let next = 0;
    for (let row = 0; row < this.index.size; row++) {
      if (next < this.#passingRows.length && this.#passingRows[next] === row) next++;
      else visit(row);
    }
  }
}
