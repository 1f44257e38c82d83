import type { CatalogIndex, RowSet } from './catalog-index.ts';
import type { FacetName, QualityBar } from './model-query.ts';
import type { Postings } from './postings.ts';

/**
 * One condition of a filter over a snapshot's rows. A query visits the rows of its smallest condition and tests the
 * others, so a condition can both list its rows and answer for one row in constant time.
 */
export interface Condition {
  /** The facet whose counts leave this condition out; null for conditions no facet shows. */
  readonly facet: FacetName | null;
  /** How many rows it admits: exact, or an upper bound when `exact` is false. */
  readonly size: number;
  readonly exact: boolean;
  has(row: number): boolean;
  /** Calls `visit` once for each admitted row, in no particular order. */
  forEachRow(visit: (row: number) => void): void;
}

/** A column holding one code per row, admitting the codes set in `mask`; its rows are the listed posting lists. */
export class CodeCondition implements Condition {
  readonly size: number;
  readonly exact = true;

  constructor(
    readonly facet: FacetName | null,
    private readonly column: ArrayLike<number>,
    private readonly mask: Uint8Array,
    private readonly lists: readonly Uint32Array[],
  ) {
    this.size = lists.reduce((sum, list) => sum + list.length, 0);
  }

  /** Admits the rows of `codes` in a column indexed by `postings`. */
  static of(facet: FacetName, column: ArrayLike<number>, postings: Postings, codes: readonly number[]): CodeCondition {
    const mask = new Uint8Array(postings.codes);
    for (const code of codes) mask[code] = 1;
    return new CodeCondition(
      facet,
      column,
      mask,
      codes.map((code) => postings.rowsOf(code)),
    );
  }

  has(row: number): boolean {
    const code = this.column[row]!;
    return code >= 0 && this.mask[code] === 1;
  }

  forEachRow(visit: (row: number) => void): void {
    for (const list of this.lists) for (const row of list) visit(row);
  }
}

/** The row carries one tag. */
export class TagCondition implements Condition {
  readonly facet = 'tags';
  readonly exact = true;
  readonly size: number;

  constructor(
    private readonly index: CatalogIndex,
    private readonly tag: number,
  ) {
    this.size = index.tags.count(tag);
  }

  has(row: number): boolean {
    const { tagStart, tagCodes } = this.index.table;
    for (let entry = tagStart[row]!; entry < tagStart[row + 1]!; entry++) if (tagCodes[entry] === this.tag) return true;
    return false;
  }

  forEachRow(visit: (row: number) => void): void {
    for (const row of this.index.tags.rowsOf(this.tag)) visit(row);
  }
}

/** The row has a live mapping of any of the providers. */
export class ProviderCondition implements Condition {
  readonly facet = 'providers';
  readonly size: number;
  readonly exact: boolean;
  readonly #mask: Uint8Array;

  constructor(
    private readonly index: CatalogIndex,
    private readonly providers: readonly number[],
  ) {
    this.#mask = new Uint8Array(index.liveProviders.codes);
    for (const provider of providers) this.#mask[provider] = 1;
    this.size = providers.reduce((sum, provider) => sum + index.liveProviders.count(provider), 0);
    // A model live on two of the providers is in both lists.
    this.exact = providers.length <= 1;
  }

  has(row: number): boolean {
    const { mappingStart, mappingProvider } = this.index.table;
    for (let entry = mappingStart[row]!; entry < mappingStart[row + 1]!; entry++) {
      if (this.#mask[mappingProvider[entry]!] === 1 && this.index.isLive(entry)) return true;
    }
    return false;
  }

  forEachRow(visit: (row: number) => void): void {
    const lists = this.providers.map((provider) => this.index.liveProviders.rowsOf(provider));
    if (lists.length === 1) {
      for (const row of lists[0]!) visit(row);
      return;
    }
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
export class MinimumCondition implements Condition {
  readonly facet = null;
  readonly exact = true;
  readonly size: number;
  readonly #rows: Uint32Array;
  readonly #column: Float64Array;

  constructor(
    index: CatalogIndex,
    field: 'DOWNLOADS' | 'LIKES',
    private readonly minimum: number,
  ) {
    this.#column = index.column(field);
    const orders = index.columnOrders(field);
    this.#rows = orders.rowsBetween(...orders.atLeast(minimum));
    this.size = this.#rows.length;
  }

  has(row: number): boolean {
    const value = this.#column[row]!;
    return value >= this.minimum && Number.isFinite(value);
  }

  forEachRow(visit: (row: number) => void): void {
    for (const row of this.#rows) visit(row);
  }
}

/** Rows of a set made for the request (a search's hits). */
export class RowSetCondition implements Condition {
  readonly facet = null;
  readonly exact = true;
  readonly size: number;

  constructor(private readonly set: RowSet) {
    this.size = set.rows.length;
  }

  has(row: number): boolean {
    return (this.set.bits[row >>> 5]! & (1 << (row & 31))) !== 0;
  }

  forEachRow(visit: (row: number) => void): void {
    for (const row of this.set.rows) visit(row);
  }
}

/** Passes the quality bar (`passing` true), or fails it. */
export class QualityCondition implements Condition {
  readonly facet = 'quality';
  readonly exact = true;
  readonly size: number;
  readonly #passingRows: Uint32Array;

  constructor(
    private readonly index: CatalogIndex,
    private readonly bar: QualityBar,
    private readonly passing: boolean,
  ) {
    this.#passingRows = index.qualityRows(bar);
    this.size = passing ? this.#passingRows.length : index.size - this.#passingRows.length;
  }

  has(row: number): boolean {
    return this.index.passesQualityBar(row, this.bar) === this.passing;
  }

  forEachRow(visit: (row: number) => void): void {
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
