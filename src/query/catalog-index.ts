import { BoundedCache } from '../bounded-cache.ts';
import type { Model, ModelTable } from '../catalog/index.ts';
import { AuthorKeys } from './author-keys.ts';
import { newBitset, setBit, type Bitset } from './bitset.ts';
import { cursorEncoder } from './cursor.ts';
import {
  BUCKET_FACETS,
  labelsOf,
  NUMERIC_ORDER_FIELDS,
  ORDER_COLUMNS,
  RANGE_FILTERS,
  VALUE_FILTERS,
  type CodedColumn,
  type NumericOrderField,
} from './filter-fields.ts';
import type { ModelOrderField, OrderDirection, QualityBar } from './model-query.ts';
import type { OrderKey } from './model-order.ts';
import { ModelSlots } from './model-slots.ts';
import { qualityBarKey, qualityTest } from './quality-bar.ts';
import { PageCache } from './page-cache.ts';
import { FacetCache } from './facet-cache.ts';
import { Postings } from './postings.ts';
import { RangeBits } from './range-bits.ts';
import type { RowSet } from './row-set.ts';
import { SharedModel } from './shared-model.ts';
import { ColumnOrders, SortedOrder, SortScratch } from './sorted-order.ts';
import { stepCount, type TextParts } from './text-build.ts';
import { TextIndex } from './text-index.ts';
import type { IdSymbols } from './text-symbols.ts';
import { ValueIndex } from './value-index.ts';

const LIVE = 'live';
/**
 * Models kept as objects for pages to share: the rows popular pages show again and again (the most downloaded, the
 * most liked) are made once instead of per request. About 1 KB each, so 16 MB at most (two generations of this many).
 * A frontend cycling through 100 filters' first pages at a million models shows about 5,000 rows that rarely overlap:
 * with 4,096 a generation, a fifth of them were made again on every cycle.
 */
const MODEL_SLOTS = 8192;
/** Distinct searches and quality bars kept per snapshot: a user pages and facets over the same one. */
const RECENT_SEARCHES = 16;
const RECENT_BARS = 4;
/** Needles remembered as asked once: a few bytes each. */
const ASKED_NEEDLES = 1024;

/** Rows passing a quality bar, listed and as a bitset. */
export interface QualityRows {
  rows: Uint32Array;
  bits: Bitset;
}

/**
 * What a snapshot's queries read besides its columns, made once per table and kept beside it: the rows of each value
 * of the filterable columns (posting lists, and bitsets for common values), each order's row sequence and each
 * numeric filter's boundary bitsets, a trigram index of the ids for `search`, and scratch space that one query at a
 * time uses (JavaScript runs one at a time). Nothing is made per distinct filter: a request's cost follows its
 * conditions, never whether the snapshot has seen them before; bounded caches of recent searches and pages only let a
 * repeated request skip work.
 */
export class CatalogIndex {
  readonly size: number;
  /** The status code of `live`, or -1 when no mapping has it. */
  readonly liveStatus: number;
  /**
   * Two arrays `matchRows` writes rows into: one for the rows meeting every condition of a request, which its page and
   * facets share while `generation` is unchanged, one for a facet's rows, read at once.
   */
  readonly scratch: Readonly<Record<'all' | 'facet', Uint32Array>>;
  /** Bumped whenever `scratch.all` is rewritten. */
  generation = 0;
  /** One byte per row, all zero between queries. */
  readonly marks: Uint8Array;
  /** Bitsets `matchRows` writes dense results into, as `scratch` holds listed ones. */
  readonly scratchBits: Readonly<Record<'all' | 'facet', Bitset>>;
  readonly #spareBits: Bitset[] = [];
  #authors: AuthorKeys | null = null;
  #gated: ValueIndex | null = null;
  readonly #values = new Map<CodedColumn, ValueIndex>();
  readonly #orders = new Map<Float64Array, ColumnOrders>();
  readonly #ranges = new Map<Float64Array, RangeBits>();
  readonly #idOrders: Readonly<Record<OrderDirection, SortedOrder>>;
  #text: TextIndex | null = null;
  /** Held while preparation sorts the numeric columns one after the other. */
  #sortScratch: SortScratch | null = null;
  #building: TextBuild | null = null;
  readonly #searches = new BoundedCache<string, RowSet>({ maxEntries: RECENT_SEARCHES });
  /** Needles whose candidates were checked only beside other conditions: asked again, they are checked in full. */
  readonly #askedNeedles = new BoundedCache<string, true>({ maxEntries: ASKED_NEEDLES });
  readonly #qualityRows = new BoundedCache<string, QualityRows>({ maxEntries: RECENT_BARS });
  readonly #models = new ModelSlots(MODEL_SLOTS, (row) => new SharedModel(this.table, row));
  /** Pages this snapshot has answered, for the requests that repeat them. */
  readonly pages = new PageCache();
  /** Facet answers this snapshot has counted, for the requests that repeat them. */
  readonly facets = new FacetCache();
  /** By snapshot id and order: a cursor's constant part is encoded once, not on every page. */
  readonly #cursorEncoders = new Map<string, (position: number) => string>();
  /** By the sorted status codes they consider: at most one per subset of the statuses the snapshot has. */
  readonly #providerValues = new Map<string, ValueIndex>();
  readonly #anyProviderRows = new Map<string, RowSet>();

  constructor(readonly table: ModelTable) {
    this.size = table.size;
    this.liveStatus = table.codeOf('status', LIVE);
    this.scratch = { all: new Uint32Array(this.size), facet: new Uint32Array(this.size) };
    this.marks = new Uint8Array(this.size);
    this.scratchBits = { all: newBitset(this.size), facet: newBitset(this.size) };
    this.#idOrders = { ASC: SortedOrder.byId(this.size, true), DESC: SortedOrder.byId(this.size, false) };
  }

  /** Builds what is otherwise built on first use: everything a query can read. */
  prepare(): this {
    for (const step of this.preparation()) step();
    return this;
  }

  /** Whether everything a query can read is built. */
  get prepared(): boolean {
    return this.#text !== null && this.#orders.size >= NUMERIC_ORDER_FIELDS.length;
  }

  /**
   * `prepare` as separate steps (a column's values, an order, the search index), for a caller that yields between;
   * without the search index's when `text` is false, for a caller that builds it elsewhere (see `adoptText`).
   */
  preparation({ text = true } = {}): (() => unknown)[] {
    const steps = [
      () => this.authors,
      () => this.gated,
      () => void this.providerValues([this.liveStatus]),
      ...[...Object.values(VALUE_FILTERS), ...Object.values(BUCKET_FACETS)].map(
        (coded: CodedColumn) => () => this.values(coded),
      ),
      () => (this.#sortScratch = new SortScratch(this.size)),
      ...NUMERIC_ORDER_FIELDS.map((field) => () => this.columnOrders(ORDER_COLUMNS[field](this.table))),
      ...Object.values(RANGE_FILTERS).map((filter) => () => this.rangeBits(filter.column(this.table))),
      () => (this.#sortScratch = null),
    ];
    return text ? [...steps, ...this.#textSteps()] : steps;
  }

  /** Serves searches from an index built elsewhere from `ids` (the table's), unless one is built here already. */
  adoptText(ids: IdSymbols, parts: TextParts): void {
    if (this.#text) return;
    this.#text = new TextIndex(ids, parts);
    this.#building = null;
  }

  get authors(): AuthorKeys {
    this.#authors ??= new AuthorKeys(this.table);
    return this.#authors;
  }

  /** By gated code: 0 not gated, 1 auto, 2 manual. */
  get gated(): ValueIndex {
    this.#gated ??= new ValueIndex(Postings.ofColumn(this.table.gated, 3), this.size);
    return this.#gated;
  }

  /** The rows of each value of a coded column a filter lists or a facet counts. */
  values(filter: CodedColumn): ValueIndex {
    let values = this.#values.get(filter);
    if (!values) {
      const column = filter.column(this.table);
      const codes = labelsOf(this.table, filter).length;
      const postings =
        column.kind === 'single'
          ? Postings.ofColumn(column.codes, codes)
          : Postings.ofRuns(column.start, column.codes, codes);
      values = new ValueIndex(postings, this.size);
      this.#values.set(filter, values);
    }
    return values;
  }

  isLive(mappingEntry: number): boolean {
    return this.table.mappingStatus[mappingEntry] === this.liveStatus;
  }

  /** One byte per status code: 1 for the codes listed. */
  statusMask(statuses: readonly number[]): Uint8Array {
    const mask = new Uint8Array(this.table.dictionary('status').length);
    for (const status of statuses) if (status >= 0) mask[status] = 1;
    return mask;
  }

  /** Rows with a mapping of each provider whose status is one of `statuses` (sorted codes). */
  providerValues(statuses: readonly number[]): ValueIndex {
    const key = statuses.join(',');
    let values = this.#providerValues.get(key);
    if (!values) {
      const mask = this.statusMask(statuses);
      const { mappingStart, mappingProvider, mappingStatus } = this.table;
      const postings = Postings.ofRuns(
        mappingStart,
        mappingProvider,
        this.table.dictionary('provider').length,
        (entry) => mask[mappingStatus[entry]!] === 1,
      );
      values = new ValueIndex(postings, this.size);
      this.#providerValues.set(key, values);
    }
    return values;
  }

  /** Rows with a mapping of any provider whose status is one of `statuses` (sorted codes). */
  rowsWithMappingStatus(statuses: readonly number[]): RowSet {
    const key = statuses.join(',');
    let set = this.#anyProviderRows.get(key);
    if (!set) {
      const mask = this.statusMask(statuses);
      const { mappingStart, mappingStatus } = this.table;
      const rows: number[] = [];
      const bits = newBitset(this.size);
      for (let row = 0; row < this.size; row++) {
        for (let entry = mappingStart[row]!; entry < mappingStart[row + 1]!; entry++) {
          if (mask[mappingStatus[entry]!] !== 1) continue;
          rows.push(row);
          setBit(bits, row);
          break;
        }
      }
      set = { count: rows.length, rows: Uint32Array.from(rows), bits };
      this.#anyProviderRows.set(key, set);
    }
    return set;
  }

  order(field: ModelOrderField, direction: OrderDirection): SortedOrder {
    if (field === 'ID') return this.#idOrders[direction];
    const orders = this.columnOrders(ORDER_COLUMNS[field](this.table));
    return direction === 'ASC' ? orders.ascending : orders.descending;
  }

  /** Both orders of a numeric column; one per column, whichever order or filter asked for it first. */
  columnOrders(column: Float64Array): ColumnOrders {
    let orders = this.#orders.get(column);
    if (!orders) {
      orders = new ColumnOrders(column, this.#sortScratch ?? undefined);
      this.#orders.set(column, orders);
    }
    return orders;
  }

  /** The boundary bitsets of a numeric column a filter bounds. */
  rangeBits(column: Float64Array): RangeBits {
    let bits = this.#ranges.get(column);
    if (!bits) {
      const orders = this.columnOrders(column);
      bits = new RangeBits(orders.ascendingRows, orders.present, this.size);
      this.#ranges.set(column, bits);
    }
    return bits;
  }

  column(field: NumericOrderField): Float64Array {
    return ORDER_COLUMNS[field](this.table);
  }

  /** Rows whose id contains `needle` ignoring case (`needle` is lower-cased already). */
  rowsWithIdContaining(needle: string): RowSet {
    return this.#searches.getOrMake(needle, () => this.#textIndex().rowsContaining(needle));
  }

  /**
   * Rows whose id may contain `needle` (lower-cased already), each to be checked with `idContaining`. Null when
   * `rowsWithIdContaining` should answer: the needle was asked before (so it is kept, or will be), or is found without
   * checking many rows.
   */
  idCandidates(needle: string): RowSet | null {
    if (this.#searches.has(needle) || this.#askedNeedles.has(needle)) return null;
    this.#askedNeedles.set(needle, true);
    return this.#textIndex().candidatesContaining(needle);
  }

  /** The test of whether a row's id contains `needle` (lower-cased already), ignoring case. */
  idContaining(needle: string): (row: number) => boolean {
    return this.#textIndex().containing(needle);
  }

  /**
   * A bitset to write into and give back with `releaseBits` within one synchronous step: a condition that ANDs a
   * union of values needs the union somewhere, and a fresh one per request would be n/8 bytes to allocate and zero.
   */
  borrowBits(): Bitset {
    return this.#spareBits.pop() ?? newBitset(this.size);
  }

  releaseBits(bits: Bitset): void {
    this.#spareBits.push(bits);
  }

  /** The model in `row`, frozen, shared by every page that shows it (see `ModelTable.model` for one to change). */
  sharedModel(row: number): Model {
    return this.#models.get(row);
  }

  /** The cursors of `orderKey` in snapshot `snapshotId` (the one this table holds), by position. */
  cursorEncoder(snapshotId: string, orderKey: OrderKey): (position: number) => string {
    const key = `${orderKey}\0${snapshotId}`;
    let encoder = this.#cursorEncoders.get(key);
    if (!encoder) {
      encoder = cursorEncoder(snapshotId, orderKey);
      this.#cursorEncoders.set(key, encoder);
    }
    return encoder;
  }

  /** Rows that pass `bar`, ascending and as a bitset. */
  qualityRows(bar: QualityBar): QualityRows {
    return this.#qualityRows.getOrMake(qualityBarKey(bar), () => {
      const passes = qualityTest(this.table, bar);
      const rows: number[] = [];
      const bits = newBitset(this.size);
      for (let row = 0; row < this.size; row++) {
        if (!passes(row)) continue;
        rows.push(row);
        setBit(bits, row);
      }
      return { rows: Uint32Array.from(rows), bits };
    });
  }

  /** The search index, its build finished now if it has not been (by preparation, step by step). */
  #textIndex(): TextIndex {
    if (!this.#text) this.#finishText(this.#textBuild());
    return this.#text!;
  }

  #textBuild(): TextBuild {
    this.#building ??= { ...TextIndex.inSteps(this.table.ids), done: 0 };
    return this.#building;
  }

  /** The search index's build, a slice of rows at a time; a step left when a query has finished it does nothing. */
  #textSteps(): (() => unknown)[] {
    const count = stepCount(this.size);
    return Array.from({ length: count }, (_, i) => () => {
      if (this.#text) return;
      const build = this.#textBuild();
      if (i < count - 1) build.steps[build.done++]?.();
      else this.#finishText(build);
    });
  }

  /**
   * Runs the steps left and serves the index. The build's steps hold what only building needs (the bitsets of every
   * common substring marked): let them go.
   */
  #finishText(build: TextBuild): void {
    while (build.done < build.steps.length) build.steps[build.done++]!();
    this.#text = build.index();
    this.#building = null;
  }
}

interface TextBuild {
  steps: (() => void)[];
  index: () => TextIndex;
  done: number;
}

const indexes = new WeakMap<ModelTable, CatalogIndex>();

/** The index of `table`, made on first use and kept as long as the table lives. */
export function catalogIndex(table: ModelTable): CatalogIndex {
  let index = indexes.get(table);
  if (!index) {
    index = new CatalogIndex(table);
    indexes.set(table, index);
  }
  return index;
}
