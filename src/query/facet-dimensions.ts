import { compareIds } from '../catalog/index.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { popcount } from './match-rows.ts';
import type { FacetName, QualityBar } from './model-query.ts';
import type { Postings } from './postings.ts';

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

  /** How many rows set in `bits` have the value `code`. */
  abstract countInBits(code: number, bits: Uint32Array): number;

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

/** A dimension whose rows per value are posting lists: a value's count in a bitset is one pass over its list. */
abstract class PostedDimension extends FacetDimension {
  constructor(
    labels: readonly string[],
    protected readonly postings: Postings,
  ) {
    super(labels);
  }

  countInBits(code: number, bits: Uint32Array): number {
    const rows = this.postings.rowsOf(code);
    let count = 0;
    for (let i = 0; i < rows.length; i++) count += (bits[rows[i]! >>> 5]! >>> (rows[i]! & 31)) & 1;
    return count;
  }

  protected countAll(): Int32Array {
    return Int32Array.from({ length: this.postings.codes }, (_, code) => this.postings.count(code));
  }
}

/** A column with one value per row; `keyOf` folds codes together (author spellings into one author). */
class ColumnDimension extends PostedDimension {
  constructor(
    labels: readonly string[],
    private readonly column: Int32Array,
    postings: Postings,
    private readonly keyOf: Int32Array | null = null,
  ) {
    super(labels, postings);
  }

  countRows(rows: Uint32Array, counts: Int32Array): void {
    const { column, keyOf } = this;
    for (let i = 0; i < rows.length; i++) {
      const code = column[rows[i]!]!;
      if (code >= 0) counts[keyOf === null ? code : keyOf[code]!]!++;
    }
  }
}

/**
 * A run of values per row (tags, providers), counting only entries whose `status` code is set in `wanted` when a
 * status column is given; a value a row repeats counts once.
 */
class RunDimension extends PostedDimension {
  readonly #lastRow: Int32Array | null;

  constructor(
    labels: readonly string[],
    private readonly runStart: Uint32Array,
    private readonly runCodes: Int32Array,
    postings: Postings,
    private readonly status: { column: Int32Array; wanted: Uint8Array } | null = null,
  ) {
    super(labels, postings);
    this.#lastRow = repeatsWithinRuns(runStart, runCodes, labels.length) ? new Int32Array(labels.length) : null;
  }

  countRows(rows: Uint32Array, counts: Int32Array): void {
    const { runStart, runCodes, status } = this;
    const lastRow = this.#lastRow;
    lastRow?.fill(-1);
    for (let i = 0; i < rows.length; i++) {
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
    private readonly trueBits: () => Uint32Array,
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

  /** One AND and popcount per word, whatever the density. */
  countInBits(code: number, bits: Uint32Array): number {
    const trueBits = this.trueBits();
    let rows = 0;
    let trueRows = 0;
    for (let word = 0; word < bits.length; word++) {
      rows += popcount(bits[word]!);
      trueRows += popcount(bits[word]! & trueBits[word]!);
    }
    return code === 1 ? trueRows : rows - trueRows;
  }

  protected countAll(): Int32Array {
    let trueRows = 0;
    for (const word of this.trueBits()) trueRows += popcount(word);
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
  switch (facet) {
    case 'pipelineTags':
      return new ColumnDimension(table.dictionary('pipelineTag'), table.pipelineTag, index.pipelineTags);
    case 'libraries':
      return new ColumnDimension(table.dictionary('libraryName'), table.libraryName, index.libraries);
    case 'authors':
      return new ColumnDimension(index.authors.labels, table.author, index.authors.postings, index.authors.keyOfCode);
    case 'tags':
      return new RunDimension(table.dictionary('tag'), table.tagStart, table.tagCodes, index.tags);
    case 'providers':
      return new RunDimension(
        table.dictionary('provider'),
        table.mappingStart,
        table.mappingProvider,
        index.providerPostings(providerStatuses),
        { column: table.mappingStatus, wanted: index.statusMask(providerStatuses) },
      );
    case 'gated':
      return new BooleanDimension(index.size, () => index.gatedBits());
    case 'quality':
      return new BooleanDimension(index.size, () => index.qualityBits(bar));
  }
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
      ? `quality:${bar.minDownloads}/${bar.minLikes}`
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
