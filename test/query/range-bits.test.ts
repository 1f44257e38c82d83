import { describe, expect, it } from 'vitest';
import { newBitset, setRows, type Bitset } from '../../src/query/bitset.ts';
import { RangeBits } from '../../src/query/range-bits.ts';
import { seededRandom } from '../support/seeded-random.ts';

/** Enough rows for 64 boundaries of 78 rows each, not a multiple of 32; one column every row has, one with gaps. */
const SIZE = 5_000;

function rowsOf(bits: Bitset): number[] {
  return Array.from({ length: SIZE }, (_, row) => row).filter((row) => (bits[row >>> 5]! >>> (row & 31)) & 1);
}

/** A column's rows in ascending order (ties by row), those without a value last, and how many have one. */
function ascendingOf(values: readonly number[]): { ascending: Uint32Array; present: number } {
  const rows = values.map((_, row) => row).filter((row) => !Number.isNaN(values[row]!));
  rows.sort((a, b) => values[a]! - values[b]! || a - b);
  const missing = values.map((_, row) => row).filter((row) => Number.isNaN(values[row]!));
  return { ascending: Uint32Array.from([...rows, ...missing]), present: rows.length };
}

describe('a numeric column’s rows in any range of positions, from its boundary bitsets', () => {
  const random = seededRandom(11);
  const columns = {
    'every row has a value': Array.from({ length: SIZE }, () => Math.floor(random() * 1000)),
    'a third of the rows have none': Array.from({ length: SIZE }, () =>
      random() < 0.33 ? Number.NaN : Math.floor(random() * 1000),
    ),
  };

  it.each(Object.entries(columns))(
    '%s: writes, ANDs and counts exactly what a scan of the positions gives',
    (_, values) => {
      const { ascending, present } = ascendingOf(values);
      const bits = new RangeBits(ascending, present, SIZE);
      // Ranges of every width, open at either end or both, and matches of every density to AND them with.
      const ranges: [number, number][] = [
        [0, present],
        [0, 0],
        [present, present],
        [0, 1],
        [present - 1, present],
      ];
      for (let i = 0; i < 60; i++) {
        const from = Math.floor(random() * present);
        ranges.push([from, from + Math.floor(random() ** 2 * (present - from + 1))]);
      }
      for (const [from, to] of ranges) {
        const inRange = new Set(Array.from(ascending.subarray(from, to)));
        const written = newBitset(SIZE);
        bits.write(written, from, to);
        expect(rowsOf(written)).toEqual([...inRange].sort((a, b) => a - b));
        for (const density of [0.02, 0.5, 1]) {
          const matches = Array.from({ length: SIZE }, (_, row) => row).filter(() => random() < density);
          const expected = matches.filter((row) => inRange.has(row));
          const [anded, counted] = [newBitset(SIZE), newBitset(SIZE)];
          setRows(anded, matches);
          setRows(counted, matches);
          bits.and(anded, from, to);
          expect(rowsOf(anded)).toEqual(expected);
          expect(bits.andCounting(counted, from, to)).toBe(expected.length);
          expect(rowsOf(counted)).toEqual(expected);
        }
      }
    },
  );
});
