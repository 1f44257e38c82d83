import { compareIds } from '../catalog/index.ts';
import {
  countBits,
  countBitsInRange,
  countListedReaching,
  countShared,
  newBitset,
  REACH_CHECK,
  type Bitset,
} from './bitset.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { countMasks, countNarrow, MASK_VALUES, narrowColumn, valueMasks, type RowCodes } from './facet-row-codes.ts';
import { BUCKET_FACETS, labelsOf, VALUE_FILTERS, type CodedColumn, type ValueFilter } from './filter-fields.ts';
import type { FacetName, QualityBar } from './model-query.ts';
import { qualityBarKey } from './quality-bar.ts';
import type { ValueIndex } from './value-index.ts';

/** The `first` a facet is asked for most often: a sidebar's default. */
const DEFAULT_FIRST = 50;

/** The values one facet counts, coded 0…values-1, and how many rows of a set have each. */
export abstract class FacetDimension {
  #ranks: { rank: Int32Array; byRank: Int32Array } | null = null;
  #totals: Int32Array | null = null;
  #byTotal: Int32Array | null = null;
  #scratch: Int32Array | null = null;

  constructor(readonly labels: readonly string[]) {}

  get values(): number {
    return this.labels.length;
  }

  /** Rows per value over the whole snapshot; callers must not change it. */
  totals(): Int32Array {
    this.#totals ??= this.countAll();
    return this.#totals;
  }

  /** The codes by total descending: the order in which a value's count can be bounded by those before it. */
  byTotal(): Int32Array {
    const totals = this.totals();
    this.#byTotal ??= Int32Array.from(totals.keys()).sort((a, b) => totals[b]! - totals[a]!);
    return this.#byTotal;
  }

  /**
   * A zeroed counts array to fill and read within one synchronous step; `releaseCounts` zeroes it again. Reused
   * because a facet of a hundred thousand authors would otherwise allocate that many counts per request.
   */
  borrowCounts(): Int32Array {
    this.#scratch ??= new Int32Array(this.values);
    return this.#scratch;
  }

  releaseCounts(counts: Int32Array): void {
    if (counts === this.#scratch) counts.fill(0);
  }

  /** Adds one to the count of each value of each listed row (a value a row repeats, once). */
  abstract countRows(rows: Uint32Array, counts: Int32Array): void;

  /** Values per row, on average: what counting a row costs. */
  abstract entriesPerRow(): number;

  /** The bytes counting a row reads, on average: its value, or its run and where the run starts. */
  bytesPerRow(): number {
    return 4 * this.entriesPerRow();
  }

  /**
   * What counting the values of `matches` rows one value at a time costs (a pass over a value's bitset, or its posting
   * list), up to the value the totals should rule out: counts near `matches / size` of the totals, the values whose
   * total is under that share of the `first`-th total cannot make the list. An estimate; the count stays exact.
   */
  abstract valuesCost(matches: number, first?: number): number;

  /**
   * How many rows set in `bits` have the value `code`; or -1 when that is fewer than `need`, which a dimension may
   * answer without counting them all.
   */
  abstract countInBits(code: number, bits: Uint32Array, need?: number): number;

  protected abstract countAll(): Int32Array;

  /** The value's place among all values in code-unit order, which breaks ties between equal counts. */
  rank(code: number): number {
    return this.#rankTables().rank[code]!;
  }

  codeAtRank(rank: number): number {
    return this.#rankTables().byRank[rank]!;
  }

  #rankTables(): { rank: Int32Array; byRank: Int32Array } {
    if (this.#ranks === null) {
      const labels = this.labels;
      const byRank = Int32Array.from(labels.keys()).sort((a, b) => compareIds(labels[a]!, labels[b]!));
      const rank = new Int32Array(labels.length);
      byRank.forEach((code, position) => (rank[code] = position));
      this.#ranks = { rank, byRank };
    }
    return this.#ranks;
  }
}

/**
 * A dimension whose rows per value the index keeps: a value's count in a bitset is an AND of two bitsets for a common
 * value, a pass over its posting list for a rare one.
 */
abstract class PostedDimension extends FacetDimension {
  constructor(
    labels: readonly string[],
    protected readonly rowsByValue: ValueIndex,
  ) {
    super(labels);
  }

  /**
   * The cost of counting each value, and how many of them are posting lists read row by row, summed in the order of
   * `byTotal`.
   */
  #costs: Float64Array | null = null;
  #lists: Int32Array | null = null;

  valuesCost(matches: number, first = DEFAULT_FIRST): number {
    const { rowsByValue } = this;
    const byTotal = this.byTotal();
    if (this.#costs === null || this.#lists === null) {
      this.#costs = new Float64Array(byTotal.length + 1);
      this.#lists = new Int32Array(byTotal.length + 1);
      byTotal.forEach((code, i) => {
        const rows = rowsByValue.rowsOf(code);
        const read = rowsByValue.bitsOf(code) !== null ? 'bits' : isSpan(rows) ? 'span' : 'rows';
        const cost = read === 'bits' ? rowsByValue.size / 32 : read === 'span' ? rows.length / 32 : rows.length;
        // And one for visiting the value, which a facet of a hundred thousand owners does as often as it reads a word.
        this.#costs![i + 1] = this.#costs![i]! + cost + 1;
        this.#lists![i + 1] = this.#lists![i]! + (read === 'rows' ? 1 : 0);
      });
    }
    const totals = this.totals();
    const floor = (totals[byTotal[Math.min(first, byTotal.length) - 1] ?? 0] ?? 0) * (matches / rowsByValue.size);
    let low = 0;
    let high = byTotal.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (totals[byTotal[middle]!]! >= floor) low = middle + 1;
      else high = middle;
    }
    // A posting list is read only until its count cannot reach the floor (`countListedReaching`): about `floor` fewer.
    return this.#costs[low]! - this.#lists[low]! * Math.max(0, floor - REACH_CHECK);
  }

  countInBits(code: number, bits: Bitset, need = 0): number {
    const valueBits = this.rowsByValue.bitsOf(code);
    const rows = this.rowsByValue.rowsOf(code);
    let count: number;
    if (valueBits !== null) count = countShared(bits, valueBits);
    else if (isSpan(rows)) count = countBitsInRange(bits, rows[0]!, rows[0]! + rows.length);
    else return countListedReaching(bits, rows, need);
    return count < need ? -1 : count;
  }

  protected countAll(): Int32Array {
    return Int32Array.from({ length: this.rowsByValue.codes }, (_, code) => this.rowsByValue.count(code));
  }
}

/**
 * Whether a value's rows are one run of consecutive rows, long enough that counting them in a bitset a word at a time
 * beats reading them one by one: an owner's models, since rows are in id order and an id starts with its owner.
 */
function isSpan(rows: Uint32Array): boolean {
  return rows.length >= REACH_CHECK && rows[rows.length - 1]! - rows[0]! + 1 === rows.length;
}

/** A column with one value per row, counted from a copy in as few bytes as its values need. */
class ColumnDimension extends PostedDimension {
  readonly #narrow: { codes: RowCodes; histogram: Int32Array } | null;

  constructor(
    labels: readonly string[],
    private readonly column: Int32Array,
    values: ValueIndex,
  ) {
    super(labels, values);
    const codes = narrowColumn(column, labels.length);
    this.#narrow = codes && { codes, histogram: new Int32Array(labels.length + 1) };
  }

  entriesPerRow(): number {
    return 1;
  }

  override bytesPerRow(): number {
    return this.#narrow?.codes.BYTES_PER_ELEMENT ?? 4;
  }

  countRows(rows: Uint32Array, counts: Int32Array): void {
    if (this.#narrow !== null) {
      countNarrow(rows, this.#narrow.codes, this.#narrow.histogram, counts);
      return;
    }
    const { column } = this;
    for (let i = 0; i < rows.length; i++) {
      const code = column[rows[i]!]!;
      if (code >= 0) counts[code]!++;
    }
  }
}

/**
 * A run of values per row (tags, providers), counting only entries whose `status` code is set in `wanted` when a
 * status column is given; a value a row repeats counts once.
 */
class RunDimension extends PostedDimension {
  readonly #lastRow: Int32Array | null = null;
  /** For a few values (languages, modalities, providers): each row's values as one mask, read in one access. */
  readonly #masks: { masks: RowCodes; histograms: Int32Array } | null = null;

  constructor(
    labels: readonly string[],
    private readonly runStart: Uint32Array,
    private readonly runCodes: Int32Array,
    values: ValueIndex,
    private readonly status: { column: Int32Array; wanted: Uint8Array } | null = null,
  ) {
    super(labels, values);
    if (labels.length <= MASK_VALUES) {
      const keep = status === null ? () => true : (entry: number) => status.wanted[status.column[entry]!] === 1;
      const masks = valueMasks(runStart, runCodes, labels.length, keep);
      this.#masks = { masks, histograms: new Int32Array(256 * masks.BYTES_PER_ELEMENT) };
    } else {
      this.#lastRow = repeatsWithinRuns(runStart, runCodes, labels.length) ? new Int32Array(labels.length) : null;
    }
  }

  /** A mask costs a tally per byte; a run, its values. */
  entriesPerRow(): number {
    if (this.#masks !== null) return this.#masks.masks.BYTES_PER_ELEMENT;
    return this.runCodes.length / Math.max(1, this.runStart.length - 1);
  }

  override bytesPerRow(): number {
    if (this.#masks !== null) return this.#masks.masks.BYTES_PER_ELEMENT;
    return 4 * this.entriesPerRow() + 4;
  }

  countRows(rows: Uint32Array, counts: Int32Array): void {
    if (this.#masks !== null) {
      countMasks(rows, this.#masks.masks, this.#masks.histograms, counts);
      return;
    }
    const sparse = rows.length * SPARSE_ROWS < this.runStart.length && this.entriesPerRow() >= LONG_RUN;
    this.#lastRow?.fill(-1);
    for (let from = 0; from < rows.length; from += TOUCH_BATCH) {
      const to = Math.min(rows.length, from + TOUCH_BATCH);
      if (sparse) readAhead.sink ^= this.#touch(rows, from, to);
      this.#countBatch(rows, from, to, counts);
    }
  }

  /**
   * Reads the first entry of each row's run, and returns something of them so the reads are not optimized away: loads
   * without a loop between them, so the processor has a batch of cache misses in flight at once, where the counting
   * loop, whose exit at the end of each run it mispredicts, waits for them one at a time.
   */
  #touch(rows: Uint32Array, from: number, to: number): number {
    const { runStart, runCodes } = this;
    let touched = 0;
    for (let i = from; i < to; i++) touched |= runCodes[runStart[rows[i]!]!]!;
    return touched;
  }

  #countBatch(rows: Uint32Array, from: number, to: number, counts: Int32Array): void {
    const { runStart, runCodes, status } = this;
    const lastRow = this.#lastRow;
    for (let i = from; i < to; i++) {
      const row = rows[i]!;
      for (let entry = runStart[row]!; entry < runStart[row + 1]!; entry++) {
        if (status !== null && status.wanted[status.column[entry]!] !== 1) continue;
        const code = runCodes[entry]!;
        if (lastRow !== null) {
          if (lastRow[code] === row) continue;
          lastRow[code] = row;
        }
        counts[code]!++;
      }
    }
  }
}

/**
 * Rows counted between two batches of reads ahead (`RunDimension.#touch`): misses in flight, within what stays
 * cached. What the reads return is kept in `readAhead`, so that no compiler drops them as unused.
 */
const TOUCH_BATCH = 128;
/** Rows fewer than one in this many are far enough apart that reading ahead pays. */
const SPARSE_ROWS = 16;
/**
 * Values per row from which reading ahead pays: runs of one or two (languages, providers) end where predicted, and
 * the reads ahead only double theirs (tags: a third less time for sparse sets; languages, providers: 50-80% more).
 */
const LONG_RUN = 4;
const readAhead = { sink: 0 };

/** Whether any row lists one value twice; almost never, and then counting must skip the repeats. */
function repeatsWithinRuns(runStart: Uint32Array, runCodes: Int32Array, values: number): boolean {
  const lastRow = new Int32Array(values).fill(-1);
  for (let row = 0; row + 1 < runStart.length; row++) {
    for (let entry = runStart[row]!; entry < runStart[row + 1]!; entry++) {
      const code = runCodes[entry]!;
      if (lastRow[code] === row) return true;
      lastRow[code] = row;
    }
  }
  return false;
}

/** `false` and `true` (codes 0 and 1, in code-unit order), true for the rows in the bitset `trueBits` gives. */
class BooleanDimension extends FacetDimension {
  constructor(
    private readonly size: number,
    private readonly trueBits: () => Bitset,
  ) {
    super(['false', 'true']);
  }

  countRows(rows: Uint32Array, counts: Int32Array): void {
    const trueBits = this.trueBits();
    let trueRows = 0;
    for (let i = 0; i < rows.length; i++) trueRows += (trueBits[rows[i]! >>> 5]! >>> (rows[i]! & 31)) & 1;
    counts[0]! += rows.length - trueRows;
    counts[1]! += trueRows;
  }

  entriesPerRow(): number {
    return 1;
  }

  valuesCost(): number {
    return (2 * this.size) / 32;
  }

  override bytesPerRow(): number {
    return 1 / 8;
  }

  /** One AND and popcount per word, whatever the density. */
  countInBits(code: number, bits: Bitset): number {
    const trueRows = countShared(bits, this.trueBits());
    return code === 1 ? trueRows : countBits(bits) - trueRows;
  }

  protected countAll(): Int32Array {
    const trueRows = countBits(this.trueBits());
    return Int32Array.of(this.size - trueRows, trueRows);
  }
}

function makeDimension(
  index: CatalogIndex,
  facet: FacetName,
  bar: QualityBar,
  providerStatuses: readonly number[],
): FacetDimension {
  const { table } = index;
  const coded = codedColumnOf(facet);
  if (coded) {
    const column = coded.column(table);
    const labels = labelsOf(table, coded);
    const values = index.values(coded);
    return column.kind === 'single'
      ? new ColumnDimension(labels, column.codes, values)
      : new RunDimension(labels, column.start, column.codes, values);
  }
  switch (facet) {
    case 'authors':
      return new ColumnDimension(index.authors.labels, index.authors.keyColumn, index.authors.values);
    case 'providers':
      return new RunDimension(
        table.dictionary('provider'),
        table.mappingStart,
        table.mappingProvider,
        index.providerValues(providerStatuses),
        { column: table.mappingStatus, wanted: index.statusMask(providerStatuses) },
      );
    case 'gated':
      return new BooleanDimension(index.size, () => gatedBits(index));
    default:
      return new BooleanDimension(index.size, () => index.qualityRows(bar).bits);
  }
}

/** Rows gated in either mode: the union of the two codes' rows, made once per index. */
function gatedBits(index: CatalogIndex): Bitset {
  let bits = gated.get(index);
  if (!bits) {
    bits = newBitset(index.size);
    index.gated.addRows(bits, [1, 2]);
    gated.set(index, bits);
  }
  return bits;
}

const gated = new WeakMap<CatalogIndex, Bitset>();

/** The coded column a facet counts: a value filter's, or a bucketed number's. */
function codedColumnOf(facet: FacetName): CodedColumn | undefined {
  if (Object.hasOwn(BUCKET_FACETS, facet)) return BUCKET_FACETS[facet as keyof typeof BUCKET_FACETS];
  return Object.values(VALUE_FILTERS).find((spec: ValueFilter) => spec.facet === facet);
}

const dimensions = new WeakMap<CatalogIndex, Map<string, FacetDimension>>();

/**
 * The dimension of `facet` over an index, made once; `quality` once per bar, `providers` once per set of mapping
 * statuses it counts (sorted codes, `live` by default).
 */
export function facetDimension(
  index: CatalogIndex,
  facet: FacetName,
  bar: QualityBar,
  providerStatuses: readonly number[] = [index.liveStatus],
): FacetDimension {
  let byKey = dimensions.get(index);
  if (!byKey) {
    byKey = new Map();
    dimensions.set(index, byKey);
  }
  const key =
    facet === 'quality'
      ? `quality:${qualityBarKey(bar)}`
      : facet === 'providers'
        ? `providers:${providerStatuses.join(',')}`
        : facet;
  let dimension = byKey.get(key);
  if (!dimension) {
    dimension = makeDimension(index, facet, bar, providerStatuses);
    byKey.set(key, dimension);
  }
  return dimension;
}
