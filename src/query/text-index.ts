import { andBits, countBits, hasBit, keepBits, listBits, newBitset, setBit, setRows, type Bitset } from './bitset.ts';
import { GramTable } from './gram-table.ts';
import type { RowSet } from './row-set.ts';
import { buildSteps, packingSteps, type TextParts } from './text-build.ts';
import type { CountedBits } from './text-patterns.ts';
import { gramOf, IdSymbols, isAscii, isExactSymbol, SYMBOLS, symbolOf, type PackedIds } from './text-symbols.ts';
import { DENSE_SHARE } from './value-index.ts';

/**
 * Case-insensitive substring search over every id, exact, at a cost that follows the matches rather than the catalog.
 *
 * - Every trigram of the ids has its rows (see GramTable), every character a bitset. A needle's rows are among those
 *   holding all its trigrams; those candidates are checked against the id itself. A needle of three characters is
 *   its trigram and needs no check; one of two is the union of the trigrams that hold it; one of one, a character.
 * - Checking costs a cache miss per candidate (about 100 ns at a million rows), and candidates outnumber matches only
 *   when every trigram is common. So the substrings that many ids hold (found on a sample, then marked exactly in one
 *   pass over all ids) keep exact bitsets: a needle among them is answered without checking a row, and one that
 *   contains them has them as candidates.
 * - A candidate is checked against the ids' symbols, packed in row order, when the needle is made of exact symbols:
 *   candidates come in row order, so the reads stream, where the id strings lie anywhere in the heap (a check cost
 *   some 700 ns on a loaded machine, most of a first search at a million rows).
 * - Ids with characters outside ASCII (none on the Hub) are checked one by one.
 */
export class TextIndex {
  readonly #ids: IdSymbols;
  readonly #packed: PackedIds;
  /** The last needle `contains` was asked about, and its test. */
  #needle = '';
  #test: (row: number) => boolean = () => false;
  readonly #size: number;
  readonly #trigrams: GramTable;
  /** The rows holding each character, as bitsets: most characters are common, and a bit set twice costs nothing. */
  readonly #characters: Bitset[];
  /** Rows whose id is too short to hold a trigram. */
  readonly #short: Uint32Array;
  readonly #patterns: Map<string, CountedBits>;
  /** Rows of one request: candidates, and a rare gram's rows to intersect them with. */
  readonly #candidates: Uint32Array;
  readonly #gramRows: Uint32Array;

  /** The index of `ids` from its parts, built on this thread or another (see text-build.ts). */
  constructor(ids: IdSymbols, parts: TextParts) {
    this.#size = ids.ids.length;
    this.#ids = ids;
    this.#packed = parts.packed;
    this.#trigrams = GramTable.of(parts.trigrams);
    this.#characters = parts.characters;
    this.#short = parts.short;
    this.#patterns = new Map(parts.patterns);
    this.#candidates = new Uint32Array(Math.ceil(this.#size / DENSE_SHARE) + 1);
    this.#gramRows = new Uint32Array(this.#candidates.length);
  }

  /** The index of `ids`, built at once. */
  static of(ids: readonly string[]): TextIndex {
    const { index, steps } = TextIndex.inSteps(ids);
    for (const step of steps) step();
    return index();
  }

  /**
   * The steps that build the index of `ids` on this thread, each over a slice of the rows (a few tens of milliseconds
   * at most), for a caller that lets other work run between them, and the index once every step has run.
   */
  static inSteps(ids: readonly string[]): { steps: (() => void)[]; index: () => TextIndex } {
    const symbols = new IdSymbols(ids);
    const packing = packingSteps(symbols);
    const build = buildSteps(packing.packed);
    return {
      steps: [...packing.steps, ...build.steps],
      index: () => new TextIndex(symbols, build.parts()),
    };
  }

  /** Rows whose lower-cased id contains `needle` (lower-cased already, not empty). */
  rowsContaining(needle: string): RowSet {
    const special = this.#ids.special.filter((row) => this.#ids.contains(row, needle));
    // A needle outside ASCII can be in no ASCII id: lower-casing one gives ASCII.
    const found = isAscii(needle) ? this.#asciiRowsContaining(needle) : NO_ROWS;
    if (special.length === 0) return found;
    const bits = found.bits?.slice() ?? newBitset(this.#size);
    if (found.rows) setRows(bits, found.rows);
    setRows(bits, special);
    return this.#setOf(bits);
  }

  /**
   * Rows that may hold `needle`, each still to be checked with `contains`: those holding all its trigrams (its rare
   * trigrams' rows within its common ones' bitsets), when they do not settle it. Null when no check is needed or the
   * needle is answered otherwise (a kept substring, fewer than three characters, ids outside ASCII), which
   * `rowsContaining` does exactly. A query whose other conditions are narrower checks only the candidates meeting them.
   */
  candidatesContaining(needle: string): RowSet | null {
    if (this.#ids.special.length > 0 || !isAscii(needle) || needle.length < 3 || this.#patterns.has(needle)) {
      return null;
    }
    const { sparse, filters, checked } = this.#trigramPlan(needle);
    if (!checked) return null;
    return sparse.length === 0 ? this.#setOf(intersection(filters)) : this.#checkedList(needle, sparse, filters, false);
  }

  /** Whether the row's lower-cased id contains `needle` (lower-cased already). */
  contains(row: number, needle: string): boolean {
    if (needle !== this.#needle) [this.#needle, this.#test] = [needle, this.containing(needle)];
    return this.#test(row);
  }

  /**
   * The test of whether a row's lower-cased id contains `needle` (lower-cased already), for a caller checking many
   * rows: against the packed symbols when the needle's are all exact, else against the id.
   */
  containing(needle: string): (row: number) => boolean {
    const symbols = this.#ids.special.length === 0 && isAscii(needle) ? symbolsOf(needle) : [];
    if (symbols.length === 0 || !symbols.every(isExactSymbol)) return (row) => this.#ids.contains(row, needle);
    const [packed, packedNeedle] = [this.#packed, Uint8Array.from(symbols)];
    return (row) => packedContains(packed, row, packedNeedle);
  }

  #asciiRowsContaining(needle: string): RowSet {
    const pattern = this.#patterns.get(needle);
    if (pattern) return this.#setOf(pattern.bits);
    if (needle.length < 3) {
      const symbols = symbolsOf(needle);
      return this.#shortNeedle(needle, symbols, symbols.every(isExactSymbol));
    }
    const { sparse, filters, checked } = this.#trigramPlan(needle);
    if (sparse.length === 0) return this.#checkedBits(needle, filters, checked);
    return this.#checkedList(needle, sparse, filters, checked);
  }

  /**
   * How a needle of three characters or more is found: its rare trigrams (whose rows are listed), the narrowest sets
   * of rows holding it (common trigrams' and kept substrings' bitsets), and whether candidates need checking.
   */
  #trigramPlan(needle: string): { sparse: number[]; filters: Bitset[]; checked: boolean } {
    const symbols = symbolsOf(needle);
    const grams = [...new Set(symbols.slice(2).map((symbol, i) => gramOf(symbols[i]!, symbols[i + 1]!, symbol)))];
    const sparse = grams.filter((gram) => this.#trigrams.bitsOf(gram) === null);
    const supersets: CountedBits[] = [];
    for (const gram of grams) {
      const bits = this.#trigrams.bitsOf(gram);
      if (bits !== null) supersets.push({ bits, count: this.#trigrams.rowCount(gram) });
    }
    // Read in place: copying the kept substrings' entries cost a few kilobytes per search.
    this.#patterns.forEach((set, text) => {
      if (needle.includes(text)) supersets.push(set);
    });
    const filters = narrowest(supersets);
    // A needle of three exact symbols is its trigram.
    const checked = !(needle.length === 3 && symbols.every(isExactSymbol));
    return { sparse, filters, checked };
  }

  /** A needle whose trigrams are all common: the AND of their bitsets, each candidate checked if need be. */
  #checkedBits(needle: string, filters: Bitset[], checked: boolean): RowSet {
    const bits = intersection(filters);
    if (checked) this.#dropUnmatched(bits, needle);
    return this.#setOf(bits);
  }

  /** A needle with a rare trigram: that trigram's rows, narrowed by the others, each checked if need be. */
  #checkedList(needle: string, sparse: number[], filters: readonly Bitset[], checked: boolean): RowSet {
    const trigrams = this.#trigrams;
    sparse.sort((a, b) => trigrams.rowCount(a) - trigrams.rowCount(b));
    const candidates = this.#candidates;
    let count = trigrams.decode(sparse[0]!, candidates);
    for (const gram of sparse.slice(1)) count = trigrams.intersect(gram, candidates, count, this.#gramRows);
    const contains = checked ? this.containing(needle) : null;
    let kept = 0;
    rows: for (let i = 0; i < count; i++) {
      const row = candidates[i]!;
      for (const bits of filters) if (!hasBit(bits, row)) continue rows;
      if (contains === null || contains(row)) candidates[kept++] = row;
    }
    return { count: kept, rows: candidates.slice(0, kept), bits: null };
  }

  /** One character: its rows; two: the rows of every trigram holding them, and the ids too short for a trigram. */
  #shortNeedle(needle: string, symbols: number[], exact: boolean): RowSet {
    const bits = newBitset(this.#size);
    const [first, second] = symbols as [number, number | undefined];
    if (second === undefined) bits.set(this.#characters[first]!);
    else {
      for (let other = 1; other < SYMBOLS; other++) {
        this.#trigrams.addRows(bits, gramOf(first, second, other), this.#gramRows);
        this.#trigrams.addRows(bits, gramOf(other, first, second), this.#gramRows);
      }
      for (const row of this.#short) if (this.contains(row, needle)) setBit(bits, row);
    }
    if (!exact) this.#dropUnmatched(bits, needle);
    return this.#setOf(bits);
  }

  /**
   * Clears the rows of `bits` whose id does not contain the needle, a word at a time: listing the candidates first
   * allocated four bytes per candidate, megabytes at a million rows, for the collector to reclaim.
   */
  #dropUnmatched(bits: Bitset, needle: string): void {
    keepBits(bits, this.containing(needle));
  }

  #setOf(bits: Bitset): RowSet {
    const count = countBits(bits);
    if (count * DENSE_SHARE >= this.#size) return { count, rows: null, bits };
    const rows = new Uint32Array(count);
    listBits(bits, rows);
    return { count, rows, bits: null };
  }
}

/**
 * The few sets with the fewest rows among a needle's supersets (its common trigrams, the common substrings it
 * contains), each once: ANDing every one of them costs a pass each, and the candidates they leave are checked anyway.
 */
const FILTERS = 3;

function narrowest(sets: readonly CountedBits[]): Bitset[] {
  const distinct = [...new Map(sets.map((set) => [set.bits, set])).values()];
  return distinct
    .sort((a, b) => a.count - b.count)
    .slice(0, FILTERS)
    .map((set) => set.bits);
}

/** Whether the row's symbols hold `needle`'s (all exact symbols, so equal symbols are equal lower-cased characters). */
function packedContains({ symbols, starts }: PackedIds, row: number, needle: Uint8Array): boolean {
  const first = needle[0]!;
  const last = starts[row + 1]! - needle.length;
  positions: for (let at = starts[row]!; at <= last; at++) {
    if (symbols[at] !== first) continue;
    for (let k = 1; k < needle.length; k++) if (symbols[at + k] !== needle[k]) continue positions;
    return true;
  }
  return false;
}

function symbolsOf(needle: string): number[] {
  return Array.from(needle, (char) => symbolOf(char.charCodeAt(0)));
}

/** The rows in every one of `filters` (at least one), in a new bitset. */
function intersection(filters: readonly Bitset[]): Bitset {
  const bits = filters[0]!.slice();
  for (const other of filters.slice(1)) andBits(bits, other);
  return bits;
}

const NO_ROWS: RowSet = { count: 0, rows: new Uint32Array(0), bits: null };
