import type { Model, ModelTable } from '../catalog/index.ts';
import { AuthorKeys } from './author-keys.ts';
import { IdSearch } from './id-search.ts';
import type { ModelOrderField, OrderDirection, QualityBar } from './model-query.ts';
import { Postings } from './postings.ts';
import { cursorEncoder } from './cursor.ts';
import { ModelSlots } from './model-slots.ts';
import type { OrderKey } from './model-order.ts';
import { RecentMap } from './recent-map.ts';
import { ColumnOrders, SortedOrder } from './sorted-order.ts';

export type NumericOrderField = Exclude<ModelOrderField, 'ID'>;

/** Rows of a request-made set (a search's hits), ascending, and the same as a bitset for membership tests. */
export interface RowSet {
  rows: Uint32Array;
  bits: Uint32Array;
}

const LIVE = 'live';
/**
 * A set of more than one row in this many is dense: intersected and counted as a bitset (one bit per row, read in row
 * order) rather than as a list of rows (four bytes each, scattered over the columns).
 */
const DENSE = 16;
const COMMON = 256;
/**
 * Bitsets of conditions kept per snapshot, reused by any request: n/8 bytes each, so 16 MB at a million rows, and
 * room for the dense conditions of a few hundred distinct filters (tasks, tags, minimums a slider offers).
 */
const RECENT_CONDITION_BITSETS = 128;
/**
 * Models kept as objects for pages to share: the rows popular pages show again and again (the most downloaded, the
 * most liked) are made once instead of per request. About 1 KB each, so 8 MB at most (two generations of this many).
 */
const MODEL_SLOTS = 4096;
/** Distinct searches and quality bars kept per snapshot: a user pages and facets over the same one. */
const RECENT_SEARCHES = 16;
const RECENT_BARS = 4;

/**
 * What a snapshot's queries read besides its columns, made once per table and kept beside it: the rows of each value
 * of the filterable columns (posting lists), each order's row sequence, a lower-cased id column for `search`, and
 * scratch space that one query at a time uses (JavaScript runs one at a time).
 */
export class CatalogIndex {
  readonly size: number;
  readonly pipelineTags: Postings;
  readonly libraries: Postings;
  readonly tags: Postings;
  /** By gated code: 0 not gated, 1 auto, 2 manual. */
  readonly gated: Postings;
  /** Rows with a live mapping of each provider. */
  readonly liveProviders: Postings;
  readonly authors: AuthorKeys;
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
  readonly scratchBits: Readonly<Record<'all' | 'facet', Uint32Array>>;
  readonly #orders = new Map<NumericOrderField, ColumnOrders>();
  readonly #idOrders: Readonly<Record<OrderDirection, SortedOrder>>;
  #search: IdSearch | null = null;
  readonly #searches = new RecentMap<string, RowSet>(RECENT_SEARCHES);
  readonly #qualityRows = new RecentMap<string, Uint32Array>(RECENT_BARS);
  readonly #conditionBits = new RecentMap<string, Uint32Array>(RECENT_CONDITION_BITSETS);
  readonly #models = new ModelSlots(MODEL_SLOTS);
  /** By snapshot id and order: a cursor's constant part is encoded once, not on every page. */
  readonly #cursorEncoders = new Map<string, (position: number) => string>();
  /** By the sorted status codes they consider: at most one per subset of the statuses the snapshot has. */
  readonly #providerPostings = new Map<string, Postings>();
  readonly #anyProviderRows = new Map<string, RowSet>();

  constructor(readonly table: ModelTable) {
    this.size = table.size;
    this.pipelineTags = Postings.ofColumn(table.pipelineTag, table.dictionary('pipelineTag').length);
    this.libraries = Postings.ofColumn(table.libraryName, table.dictionary('libraryName').length);
    this.tags = Postings.ofRuns(table.tagStart, table.tagCodes, table.dictionary('tag').length);
    this.gated = Postings.ofColumn(table.gated, 3);
    this.liveStatus = table.codeOf('status', LIVE);
    this.liveProviders = Postings.ofRuns(
      table.mappingStart,
      table.mappingProvider,
      table.dictionary('provider').length,
      (entry) => this.isLive(entry),
    );
    this.authors = new AuthorKeys(table);
    this.scratch = { all: new Uint32Array(this.size), facet: new Uint32Array(this.size) };
    this.marks = new Uint8Array(this.size);
    this.scratchBits = { all: this.newBitset(), facet: this.newBitset() };
    this.#idOrders = { ASC: SortedOrder.byId(this.size, true), DESC: SortedOrder.byId(this.size, false) };
  }

  /** Builds what is otherwise built on first use: every order and the search column. */
  prepare(): this {
    for (const step of this.preparation()) step();
    return this;
  }

  /** Whether every order and the search column are built. */
  get prepared(): boolean {
    return this.#orders.size === NUMERIC_FIELDS.length && this.#search !== null;
  }

  /** `prepare` as separate steps (an order, the search column), for a caller that yields between them. */
  preparation(): (() => void)[] {
    return [...NUMERIC_FIELDS.map((field) => () => void this.columnOrders(field)), () => void this.#idSearch()];
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

  /** Rows with a mapping of each provider whose status is one of `statuses` (sorted codes); `live` alone is kept. */
  providerPostings(statuses: readonly number[]): Postings {
    if (statuses.length === 1 && statuses[0] === this.liveStatus) return this.liveProviders;
    const key = statuses.join(',');
    let postings = this.#providerPostings.get(key);
    if (!postings) {
      const mask = this.statusMask(statuses);
      const { mappingStart, mappingProvider, mappingStatus } = this.table;
      postings = Postings.ofRuns(
        mappingStart,
        mappingProvider,
        this.table.dictionary('provider').length,
        (entry) => mask[mappingStatus[entry]!] === 1,
      );
      this.#providerPostings.set(key, postings);
    }
    return postings;
  }

  /** Rows with a mapping of any provider whose status is one of `statuses` (sorted codes). */
  rowsWithMappingStatus(statuses: readonly number[]): RowSet {
    const key = statuses.join(',');
    let set = this.#anyProviderRows.get(key);
    if (!set) {
      const mask = this.statusMask(statuses);
      const { mappingStart, mappingStatus } = this.table;
      const rows: number[] = [];
      const bits = this.newBitset();
      for (let row = 0; row < this.size; row++) {
        for (let entry = mappingStart[row]!; entry < mappingStart[row + 1]!; entry++) {
          if (mask[mappingStatus[entry]!] !== 1) continue;
          rows.push(row);
          bits[row >>> 5]! |= 1 << (row & 31);
          break;
        }
      }
      set = { rows: Uint32Array.from(rows), bits };
      this.#anyProviderRows.set(key, set);
    }
    return set;
  }

  order(field: ModelOrderField, direction: OrderDirection): SortedOrder {
    if (field === 'ID') return this.#idOrders[direction];
    const orders = this.columnOrders(field);
    return direction === 'ASC' ? orders.ascending : orders.descending;
  }

  columnOrders(field: NumericOrderField): ColumnOrders {
    let orders = this.#orders.get(field);
    if (!orders) {
      orders = new ColumnOrders(this.column(field));
      this.#orders.set(field, orders);
    }
    return orders;
  }

  column(field: NumericOrderField): Float64Array {
    const table = this.table;
    switch (field) {
      case 'DOWNLOADS':
        return table.downloads;
      case 'LIKES':
        return table.likes;
      case 'TRENDING_SCORE':
        return table.trendingScore;
      case 'CREATED_AT':
        return table.createdAt;
      case 'LAST_MODIFIED':
        return table.lastModified;
    }
  }

  /** Rows whose id contains `needle` ignoring case (`needle` is lower-cased already). */
  rowsWithIdContaining(needle: string): RowSet {
    return this.#searches.get(needle, () => {
      const rows = this.#idSearch().rowsContaining(needle);
      const bits = this.newBitset();
      for (const row of rows) bits[row >>> 5]! |= 1 << (row & 31);
      return { rows, bits };
    });
  }

  isDense(rows: number): boolean {
    return rows * DENSE >= this.size;
  }

  /** Common enough (one row in 256) for its membership tests to read a bitset. */
  isCommon(rows: number): boolean {
    return rows * COMMON >= this.size;
  }

  /** A bitset of rows, made by `fill` into a zeroed one or found by its condition's key among the recent ones. */
  conditionBits(key: string, fill: (bits: Uint32Array) => void): Uint32Array {
    return this.#conditionBits.get(key, () => {
      const bits = this.newBitset();
      fill(bits);
      return bits;
    });
  }

  newBitset(): Uint32Array {
    return new Uint32Array((this.size + 31) >>> 5);
  }

  /** The model in `row`, frozen, shared by every page that shows it (see `ModelTable.model` for one to change). */
  sharedModel(row: number): Model {
    return this.#models.get(row, () => deepFreeze(this.table.model(row)));
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

  /** Rows gated in either mode, as the condition `gated: true` caches them. */
  gatedBits(): Uint32Array {
    return this.conditionBits('gated:1,2', (bits) => {
      for (const code of [1, 2]) for (const row of this.gated.rowsOf(code)) bits[row >>> 5]! |= 1 << (row & 31);
    });
  }

  /** Rows passing `bar`, as the condition `quality: true` caches them. */
  qualityBits(bar: QualityBar): Uint32Array {
    return this.conditionBits(`quality:${bar.minDownloads}/${bar.minLikes}:true`, (bits) => {
      for (const row of this.qualityRows(bar)) bits[row >>> 5]! |= 1 << (row & 31);
    });
  }

  passesQualityBar(row: number, bar: QualityBar): boolean {
    const table = this.table;
    return table.downloads[row]! > bar.minDownloads && table.likes[row]! > bar.minLikes && table.private[row] === 0;
  }

  /** Rows that pass `bar`, ascending. */
  qualityRows(bar: QualityBar): Uint32Array {
    return this.#qualityRows.get(`${bar.minDownloads}/${bar.minLikes}`, () => {
      const rows: number[] = [];
      for (let row = 0; row < this.size; row++) if (this.passesQualityBar(row, bar)) rows.push(row);
      return Uint32Array.from(rows);
    });
  }

  #idSearch(): IdSearch {
    this.#search ??= new IdSearch(this.table.ids);
    return this.#search;
  }
}

function deepFreeze(model: Model): Model {
  Object.freeze(model.tags);
  Object.freeze(model.foundBy);
  for (const mapping of model.providers) Object.freeze(mapping);
  Object.freeze(model.providers);
  return Object.freeze(model);
}

const NUMERIC_FIELDS: readonly NumericOrderField[] = [
  'DOWNLOADS',
  'LIKES',
  'TRENDING_SCORE',
  'CREATED_AT',
  'LAST_MODIFIED',
];

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
