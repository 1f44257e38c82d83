import { describe, expect, it } from 'vitest';
import { ColumnOrders, SortScratch } from '../../src/query/sorted-order.ts';
import { seededRandom } from '../support/seeded-random.ts';

/** Rows by value, ties by row, values that are not finite last (by row): what every numeric order promises. */
function referenceAscending(values: Float64Array): number[] {
  const rows = Array.from(values, (_, row) => row);
  const missing = (row: number) => !Number.isFinite(values[row]!);
  return rows.sort((a, b) => {
    if (missing(a) || missing(b)) return missing(a) === missing(b) ? a - b : missing(a) ? 1 : -1;
    return values[a]! - values[b]! || a - b;
  });
}

function referenceDescending(values: Float64Array): number[] {
  const rows = Array.from(values, (_, row) => row);
  const missing = (row: number) => !Number.isFinite(values[row]!);
  return rows.sort((a, b) => {
    if (missing(a) || missing(b)) return missing(a) === missing(b) ? a - b : missing(a) ? 1 : -1;
    return values[b]! - values[a]! || a - b;
  });
}

function rowsOf(orders: ColumnOrders, direction: 'ascending' | 'descending'): number[] {
  return Array.from({ length: orders[direction].size }, (_, position) => orders[direction].rowAt(position));
}

const random = seededRandom(7);
const COLUMNS: Record<string, () => number> = {
  'small whole numbers (downloads, likes)': () => Math.floor(random() * 50),
  'heavy-tailed whole numbers beyond 2²¹': () => Math.floor(Math.exp(random() * 25)),
  'timestamps (milliseconds)': () => Date.UTC(2022, 0, 1) + Math.floor(random() * 1500 * 86_400_000),
  'fractions of both signs, zeros of both signs': () =>
    [0, -0, 1.5, -1.5][Math.floor(random() * 4)]! * (random() < 0.5 ? 1 : random() * 1e-3),
  'values missing, infinite or tiny': () =>
    [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -5e-324, 1e308, random()][
      Math.floor(random() * 7)
    ]!,
  'one value for every row': () => 42,
};

describe('numeric orders', () => {
  for (const [name, value] of Object.entries(COLUMNS)) {
    it(`sorts ${name} as a comparison sort does, ties by row, missing values last`, () => {
      // Two columns of the same length one after the other, in the same scratch arrays.
      const scratch = new SortScratch(5000);
      for (let round = 0; round < 2; round++) {
        const values = Float64Array.from({ length: 5000 }, value);
        const orders = new ColumnOrders(values, scratch);
        expect(rowsOf(orders, 'ascending')).toEqual(referenceAscending(values));
        expect(rowsOf(orders, 'descending')).toEqual(referenceDescending(values));
        expect(orders.present).toBe(values.filter(Number.isFinite).length);
      }
    });
  }
});
