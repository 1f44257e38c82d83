import { describe, expect, it } from 'vitest';
import { countMasks, countNarrow, narrowColumn, valueMasks } from '../../src/query/facet-row-codes.ts';
import { seededRandom } from '../support/seeded-random.ts';

const ROWS = 5000;
const random = seededRandom(19);

/** Sorted distinct rows, about `share` of them. */
function someRows(share: number): Uint32Array {
  return Uint32Array.from({ length: ROWS }, (_, row) => row).filter(() => random() < share);
}

describe('counting a facet from its values per row in few bytes', () => {
  it('a column of more values than two bytes hold is left as it is', () => {
    expect(narrowColumn(new Int32Array(10), 1 << 16)).toBeNull();
  });

  it.each([3, 255, 256, 65_535])(
    'a column of %i values counts each listed row once, rows without one not',
    (values) => {
      const column = Int32Array.from({ length: ROWS }, () => (random() < 0.1 ? -1 : Math.floor(random() * values)));
      const codes = narrowColumn(column, values)!;
      for (const share of [0.01, 0.3, 1]) {
        const rows = someRows(share);
        const expected = new Int32Array(values);
        for (const row of rows) if (column[row]! >= 0) expected[column[row]!]!++;
        const counts = new Int32Array(values);
        countNarrow(rows, codes, new Int32Array(values + 1), counts);
        expect(counts).toEqual(expected);
      }
    },
  );

  it.each([1, 8, 9, 16, 17, 32])('runs of %i values count each value a row has once, of the entries kept', (values) => {
    const runStart = new Uint32Array(ROWS + 1);
    const runCodes: number[] = [];
    for (let row = 0; row < ROWS; row++) {
      runStart[row] = runCodes.length;
      // Up to four entries, a value sometimes twice.
      for (let entry = Math.floor(random() * 5); entry > 0; entry--) runCodes.push(Math.floor(random() * values));
    }
    runStart[ROWS] = runCodes.length;
    const codes = Int32Array.from(runCodes);
    const kept = Uint8Array.from(runCodes, () => (random() < 0.8 ? 1 : 0));
    const masks = valueMasks(runStart, codes, values, (entry) => kept[entry] === 1);
    for (const share of [0.01, 0.3, 1]) {
      const rows = someRows(share);
      const expected = new Int32Array(values);
      for (const row of rows) {
        const has = new Set<number>();
        for (let entry = runStart[row]!; entry < runStart[row + 1]!; entry++) if (kept[entry]) has.add(codes[entry]!);
        for (const value of has) expected[value]!++;
      }
      const counts = new Int32Array(values);
      const histograms = new Int32Array(256 * masks.BYTES_PER_ELEMENT);
      countMasks(rows, masks, histograms, counts);
      expect(counts).toEqual(expected);
      expect(histograms.every((tally) => tally === 0)).toBe(true);
    }
  });
});
