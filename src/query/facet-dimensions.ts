import { compareIds } from '../catalog/index.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { forEachBit, popcount } from './match-rows.ts';
import type { FacetName, QualityBar } from './model-query.ts';
import type { Postings } from './postings.ts';

/** The values one facet counts, coded 0…values-1, and how the rows of a match set add to their counts. */
export abstract class FacetDimension {
  /**
   * Past this share of the snapshot matching, counting the rows outside the matches away from the totals is cheaper
   * than counting the matches: where a row has one value, past half; where it has a run of them, later, as visiting
   * a row that is not a match means testing its bit too.
   */
  readonly complementShare: number = 0.5;
  #ranks: { rank: Int32Array; byRank: Int32Array } | null = null;
  #totals: Int32Array | null = null;
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

  /** The same for the rows set in a bitset, visited in row order: the columns are read front to back. */
  abstract countBits(bits: Uint32Array, counts: Int32Array): void;

  /** Subtracts one from the count of each value of each row below `size` whose bit is clear. */
  abstract uncountClearBits(bits: Uint32Array, size: number, counts: Int32Array): void;

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

const postingCounts = (postings: Postings) =>
  Int32Array.from({ length: postings.codes }, (_, code) => postings.count(code));

/** A column with one value per row; `keyOf` folds codes together (author spellings into one author). */
class ColumnDimension extends FacetDimension {
  constructor(
    labels: readonly string[],
    private readonly column: Int32Array,
    private readonly postings: Postings,
    private readonly keyOf: Int32Array | null = null,
  ) {
    super(labels);
  }

  countRows(rows: Uint32Array, counts: Int32Array): void {
    const { column, keyOf } = this;
    for (let i = 0; i < rows.length; i++) {
      const code = column[rows[i]!]!;
      if (code >= 0) counts[keyOf === null ? code : keyOf[code]!]!++;
    }
  }

  countBits(bits: Uint32Array, counts: Int32Array): void {
    this.#addBits(bits, false, bits.length << 5, counts, 1);
  }

  uncountClearBits(bits: Uint32Array, size: number, counts: Int32Array): void {
    this.#addBits(bits, true, size, counts, -1);
  }

  /** The bit loop written out here rather than a callback per row: this is the hot loop of a large facet. */
  #addBits(bits: Uint32Array, clear: boolean, size: number, counts: Int32Array, delta: number): void {
    const { column, keyOf } = this;
    for (let word = 0; word < bits.length; word++) {
      let remaining = clear ? ~bits[word]! : bits[word]!;
      while (remaining !== 0) {
        const lowest = remaining & -remaining;
        const row = (word << 5) + 31 - Math.clz32(lowest);
        remaining ^= lowest;
        if (row >= size) break;
        const code = column[row]!;
        if (code >= 0) counts[keyOf === null ? code : keyOf[code]!]! += delta;
      }
    }
  }

  protected countAll(): Int32Array {
    return postingCounts(this.postings);
  }
}

/**
 * A run of values per row (tags, providers), counting only entries whose `status` is `wanted` when a status column
 * is given; a value a row repeats counts once.
 */
class RunDimension extends FacetDimension {
  override readonly complementShare = 0.7;
  readonly #lastRow: Int32Array | null;

  constructor(
    labels: readonly string[],
    private readonly runStart: Uint32Array,
    private readonly runCodes: Int32Array,
    private readonly postings: Postings,
    private readonly status: { column: Int32Array; wanted: number } | null = null,
  ) {
    super(labels);
    this.#lastRow = repeatsWithinRuns(runStart, runCodes, labels.length) ? new Int32Array(labels.length) : null;
  }

  countRows(rows: Uint32Array, counts: Int32Array): void {
    this.#lastRow?.fill(-1);
    for (let i = 0; i < rows.length; i++) this.#add(rows[i]!, counts, 1);
  }

  countBits(bits: Uint32Array, counts: Int32Array): void {
    this.#lastRow?.fill(-1);
    forEachBit(bits, (row) => this.#add(row, counts, 1));
  }

  uncountClearBits(bits: Uint32Array, size: number, counts: Int32Array): void {
    this.#lastRow?.fill(-1);
    forEachBit(bits, (row) => this.#add(row, counts, -1), true, size);
  }

  #add(row: number, counts: Int32Array, delta: number): void {
    const { runStart, runCodes, status } = this;
    const lastRow = this.#lastRow;
    for (let entry = runStart[row]!; entry < runStart[row + 1]!; entry++) {
      if (status !== null && status.column[entry] !== status.wanted) continue;
      const code = runCodes[entry]!;
      if (lastRow !== null) {
        if (lastRow[code] === row) continue;
        lastRow[code] = row;
      }
      counts[code]! += delta;
    }
  }

  protected countAll(): Int32Array {
    return postingCounts(this.postings);
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
    for (let i = 0; i < rows.length; i++) if ((trueBits[rows[i]! >>> 5]! & (1 << (rows[i]! & 31))) !== 0) trueRows++;
    counts[0]! += rows.length - trueRows;
    counts[1]! += trueRows;
  }

  /** Both counts from one AND and popcount per word, whatever the density. */
  countBits(bits: Uint32Array, counts: Int32Array): void {
    const trueBits = this.trueBits();
    let rows = 0;
    let trueRows = 0;
    for (let word = 0; word < bits.length; word++) {
      rows += popcount(bits[word]!);
      trueRows += popcount(bits[word]! & trueBits[word]!);
    }
    counts[0]! += rows - trueRows;
    counts[1]! += trueRows;
  }

  uncountClearBits(bits: Uint32Array, _size: number, counts: Int32Array): void {
    const matched = Int32Array.of(0, 0);
    this.countBits(bits, matched);
    const totals = this.totals();
    counts[0]! -= totals[0]! - matched[0]!;
    counts[1]! -= totals[1]! - matched[1]!;
  }

  protected countAll(): Int32Array {
    let trueRows = 0;
    for (const word of this.trueBits()) trueRows += popcount(word);
    return Int32Array.of(this.size - trueRows, trueRows);
  }
}

function makeDimension(index: CatalogIndex, facet: FacetName, bar: QualityBar): FacetDimension {
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
        index.liveProviders,
        {
          column: table.mappingStatus,
          wanted: index.liveStatus,
        },
      );
    case 'gated':
      return new BooleanDimension(index.size, () => index.gatedBits());
    case 'quality':
      return new BooleanDimension(index.size, () => index.qualityBits(bar));
  }
}

const dimensions = new WeakMap<CatalogIndex, Map<string, FacetDimension>>();

/** The dimension of `facet` over an index, made once; `quality` once per bar. */
export function facetDimension(index: CatalogIndex, facet: FacetName, bar: QualityBar): FacetDimension {
  let byKey = dimensions.get(index);
  if (!byKey) {
    byKey = new Map();
    dimensions.set(index, byKey);
  }
  const key = facet === 'quality' ? `quality:${bar.minDownloads}/${bar.minLikes}` : facet;
  let dimension = byKey.get(key);
  if (!dimension) {
    dimension = makeDimension(index, facet, bar);
    byKey.set(key, dimension);
  }
  return dimension;
}
