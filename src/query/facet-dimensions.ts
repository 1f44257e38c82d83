import { compareIds } from '../catalog/index.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { FacetName, QualityBar } from './model-query.ts';
import type { Postings } from './postings.ts';

/** The values one facet counts, coded 0…values-1, and how a row contributes to their counts. */
export abstract class FacetDimension {
  #ranks: { rank: Int32Array; byRank: Int32Array } | null = null;
  #totals: Int32Array | null = null;

  constructor(readonly labels: readonly string[]) {}

  get values(): number {
    return this.labels.length;
  }

  /** Rows per value over the whole snapshot; callers must not change it. */
  totals(): Int32Array {
    this.#totals ??= this.countAll();
    return this.#totals;
  }

  /** Starts a pass of `tally` calls, each row visited at most once in it. */
  beginPass(): void {}

  /** Adds `delta` to the count of each value `row` has, once per value. */
  abstract tally(row: number, counts: Int32Array, delta: number): void;

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

  tally(row: number, counts: Int32Array, delta: number): void {
    const code = this.column[row]!;
    if (code < 0) return;
    counts[this.keyOf === null ? code : this.keyOf[code]!]! += delta;
  }

  protected countAll(): Int32Array {
    return postingCounts(this.postings);
  }
}

/** A run of values per row (tags, live providers); a value a row repeats counts once. */
class RunDimension extends FacetDimension {
  readonly #lastRow: Int32Array;

  constructor(
    labels: readonly string[],
    private readonly runStart: Uint32Array,
    private readonly runCodes: Int32Array,
    private readonly postings: Postings,
    private readonly keep: (entry: number) => boolean = () => true,
  ) {
    super(labels);
    this.#lastRow = new Int32Array(labels.length);
  }

  override beginPass(): void {
    this.#lastRow.fill(-1);
  }

  tally(row: number, counts: Int32Array, delta: number): void {
    for (let entry = this.runStart[row]!; entry < this.runStart[row + 1]!; entry++) {
      const code = this.runCodes[entry]!;
      if (this.#lastRow[code] === row || !this.keep(entry)) continue;
      this.#lastRow[code] = row;
      counts[code]! += delta;
    }
  }

  protected countAll(): Int32Array {
    return postingCounts(this.postings);
  }
}

/** `false` and `true` (codes 0 and 1), in that code-unit order. */
class BooleanDimension extends FacetDimension {
  constructor(
    private readonly size: number,
    private readonly isTrue: (row: number) => boolean,
    private readonly trueRows: () => number,
  ) {
    super(['false', 'true']);
  }

  tally(row: number, counts: Int32Array, delta: number): void {
    counts[this.isTrue(row) ? 1 : 0]! += delta;
  }

  protected countAll(): Int32Array {
    const trueRows = this.trueRows();
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
        (entry) => index.isLive(entry),
      );
    case 'gated':
      return new BooleanDimension(
        index.size,
        (row) => table.gated[row] !== 0,
        () => index.gated.count(1) + index.gated.count(2),
      );
    case 'quality':
      return new BooleanDimension(
        index.size,
        (row) => index.passesQualityBar(row, bar),
        () => index.qualityRows(bar).length,
      );
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
