import { describe, expect, it } from 'vitest';
import {
  andCount,
  andUnion,
  countBits,
  countBitsInRange,
  countListedReaching,
  countShared,
  keepBits,
  newBitset,
  setRows,
  writeUnion,
  type Bitset,
} from '../../src/query/bitset.ts';
import { seededRandom } from '../support/seeded-random.ts';

/** 1,000 rows (not a multiple of 32, so the last word is partial) at densities from none to every row. */
const SIZE = 1000;
const DENSITIES = [0, 0.001, 0.03, 0.3, 0.5, 0.97, 1];

function randomRows(random: () => number, density: number): Uint32Array {
  const rows: number[] = [];
  for (let row = 0; row < SIZE; row++) if (random() < density) rows.push(row);
  return Uint32Array.from(rows);
}

function bitsOf(rows: Iterable<number>): Bitset {
  const bits = newBitset(SIZE);
  setRows(bits, [...rows]);
  return bits;
}

/** The set rows, read one row at a time. */
function rowsOf(bits: Bitset): number[] {
  return Array.from({ length: SIZE }, (_, row) => row).filter((row) => (bits[row >>> 5]! >>> (row & 31)) & 1);
}

describe('bitset operations against sets of rows', () => {
  const random = seededRandom(7);

  it('counts the rows of one bitset and those two share, at every density', () => {
    for (const a of DENSITIES) {
      for (const b of DENSITIES) {
        const [rowsA, rowsB] = [randomRows(random, a), randomRows(random, b)];
        const inB = new Set(rowsB);
        expect(countBits(bitsOf(rowsA))).toBe(rowsA.length);
        expect(countShared(bitsOf(rowsA), bitsOf(rowsB))).toBe(rowsA.filter((row) => inB.has(row)).length);
      }
    }
  });

  it('ANDs two bitsets counting the rows left, and keeps only the set rows a test admits, counting them', () => {
    for (const a of DENSITIES) {
      for (const b of DENSITIES) {
        const [rowsA, rowsB] = [randomRows(random, a), randomRows(random, b)];
        const inB = new Set(rowsB);
        const shared = [...rowsA].filter((row) => inB.has(row));
        const anded = bitsOf(rowsA);
        expect(andCount(anded, bitsOf(rowsB))).toBe(shared.length);
        expect(rowsOf(anded)).toEqual(shared);
        const kept = bitsOf(rowsA);
        expect(keepBits(kept, (row) => inB.has(row))).toBe(shared.length);
        expect(rowsOf(kept)).toEqual(shared);
      }
    }
  });

  it('keeps in a bitset exactly the rows of a union of bitsets and lists, or writes that union', () => {
    for (const density of DENSITIES) {
      for (const [bitsets, lists] of [
        [0, 1],
        [1, 0],
        [1, 2],
        [2, 0],
        [2, 1],
        [3, 2],
      ] as const) {
        const out = randomRows(random, density);
        const values = Array.from({ length: bitsets + lists }, () => randomRows(random, random() * 0.4));
        const union = new Set(values.flatMap((rows) => [...rows]));
        const kept = bitsOf(out);
        const parts = [values.slice(0, bitsets).map((rows) => bitsOf(rows)), values.slice(bitsets)] as const;
        andUnion(kept, ...parts);
        expect(rowsOf(kept)).toEqual([...out].filter((row) => union.has(row)));
        const written = bitsOf(randomRows(random, 0.5));
        writeUnion(written, ...parts);
        expect(rowsOf(written)).toEqual([...union].sort((x, y) => x - y));
      }
    }
  });

  it('counts the listed rows that are set exactly when they reach what is needed, and says -1 otherwise', () => {
    for (const density of DENSITIES) {
      const bits = bitsOf(randomRows(random, density));
      const list = randomRows(random, 0.6);
      const count = list.filter((row) => (bits[row >>> 5]! >>> (row & 31)) & 1).length;
      for (const need of [0, 1, count - 1, count, count + 1, list.length + 1]) {
        expect(countListedReaching(bits, list, need)).toBe(count >= need ? count : -1);
      }
    }
  });

  it('counts the set rows of any range, within one word, across words and up to the partial last word', () => {
    for (const density of DENSITIES) {
      const rows = randomRows(random, density);
      const bits = bitsOf(rows);
      for (const [from, to] of [
        [0, SIZE],
        [0, 0],
        [5, 6],
        [3, 31],
        [31, 33],
        [32, 64],
        [17, 130],
        [990, SIZE],
        [400, 399],
      ] as const) {
        expect(countBitsInRange(bits, from, to)).toBe(rows.filter((row) => row >= from && row < to).length);
      }
    }
  });
});
