import { newBitset, setBit, type Bitset } from './bitset.ts';
import { GramTable, type GramParts } from './gram-table.ts';
import { PatternMarks, type CountedBits } from './text-patterns.ts';
import { gramOf, GRAMS, SYMBOLS, type IdSymbols, type PackedIds } from './text-symbols.ts';

/** Rows a build step reads: at a million rows, 16 steps per pass of some 30 ms each. */
const ROWS_PER_STEP = 65_536;

/** What the search index is made of besides the ids themselves: see TextIndex. */
export interface TextParts {
  /** The ids as symbols, which candidates are checked against: read in row order, not strings all over the heap. */
  packed: PackedIds;
  trigrams: GramParts;
  characters: Bitset[];
  short: Uint32Array;
  patterns: [string, CountedBits][];
}

/** The row slices a step each. */
function slices(rows: number): [number, number][] {
  return Array.from({ length: Math.ceil(rows / ROWS_PER_STEP) }, (_, i) => [
    i * ROWS_PER_STEP,
    Math.min(rows, (i + 1) * ROWS_PER_STEP),
  ]);
}

/** The steps that build the index of `rows` rows here: packing the ids, then `buildSteps`. */
export function stepCount(rows: number): number {
  return 4 * Math.ceil(rows / ROWS_PER_STEP) + 2;
}

/** The ids packed a slice of rows per step, into arrays made at once. */
export function packingSteps(ids: IdSymbols): { packed: PackedIds; steps: (() => void)[] } {
  const rows = ids.ids.length;
  const packed: PackedIds = { symbols: new Uint8Array(ids.symbolCount), starts: new Uint32Array(rows + 1) };
  const steps = slices(rows).map(([from, to]) => () => {
    const { symbols, starts } = packed;
    for (let row = from; row < to; row++) starts[row + 1] = starts[row]! + ids.read(row, symbols, starts[row]!);
  });
  return { packed, steps };
}

/**
 * Steps that build the index's parts from packed ids, each over a slice of the rows (a few tens of milliseconds at
 * most), and the parts once they have all run: the trigrams counted, then placed (see GramTable), and the common
 * substrings found on a sample and marked (see PatternMarks).
 */
export function buildSteps(packed: PackedIds): { steps: (() => void)[]; parts: () => TextParts } {
  const rows = packed.starts.length - 1;
  const trigrams = new GramTable(GRAMS, rows);
  const characters = Array.from({ length: SYMBOLS }, () => newBitset(rows));
  const short: number[] = [];
  let marks: PatternMarks | null = null;
  const each = (visit: (row: number, from: number, to: number) => void) =>
    slices(rows).map(([from, to]) => () => {
      for (let row = from; row < to; row++) visit(row, packed.starts[row]!, packed.starts[row + 1]!);
    });
  const steps = [
    ...each((row, from, to) => {
      if (to - from < 3) short.push(row);
      countRow(packed.symbols, trigrams, row, from, to);
    }),
    () => trigrams.finishCounts(),
    ...each((row, from, to) => placeRow(packed.symbols, trigrams, characters, row, from, to)),
    () => (marks = new PatternMarks(packed)),
    ...slices(rows).map(
      ([from, to]) =>
        () =>
          marks!.mark(from, to),
    ),
  ];
  const parts = (): TextParts => ({
    packed,
    trigrams: trigrams.parts(),
    characters,
    short: Uint32Array.from(short),
    patterns: [...marks!.kept()],
  });
  return { steps, parts };
}

// A row's trigrams are read three symbols at a time rather than rolled on, as a remainder per symbol cost more.
function countRow(symbols: Uint8Array, trigrams: GramTable, row: number, from: number, to: number): void {
  for (let at = from + 2; at < to; at++) trigrams.count(row, gramOf(symbols[at - 2]!, symbols[at - 1]!, symbols[at]!));
}

function placeRow(
  symbols: Uint8Array,
  trigrams: GramTable,
  characters: Bitset[],
  row: number,
  from: number,
  to: number,
): void {
  for (let at = from; at < to; at++) {
    setBit(characters[symbols[at]!]!, row);
    if (at >= from + 2) trigrams.place(row, gramOf(symbols[at - 2]!, symbols[at - 1]!, symbols[at]!));
  }
}

/** Every buffer the parts hold, once each, to hand them to another thread without copying. */
export function buffersOf(parts: TextParts): ArrayBuffer[] {
  const arrays = [
    parts.packed.symbols,
    parts.packed.starts,
    parts.trigrams.state,
    parts.trigrams.gaps,
    ...parts.trigrams.dense,
    ...parts.characters,
    parts.short,
    ...parts.patterns.map(([, set]) => set.bits),
  ];
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}
