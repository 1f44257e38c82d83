import { describe, expect, it } from 'vitest';
import { listBits } from '../../src/query/bitset.ts';
import { TextIndex } from '../../src/query/text-index.ts';
import { seededRandom } from '../support/seeded-random.ts';

/**
 * Ids in ASCII only, as on the Hub, so candidates are checked against the packed symbols: mixed case, and characters
 * outside the exact symbols (`+`, `~`, space), which share one symbol and must be told apart by the id itself.
 */
const ALPHABET = 'abcdeABCDE0123-_./+~ ';
const random = seededRandom(41);
const IDS = Array.from({ length: 20_000 }, () =>
  Array.from({ length: 3 + Math.floor(random() * 14) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join(
    '',
  ),
);
const INDEX = TextIndex.of(IDS);

function rowsOf(needle: string, index = INDEX): number[] {
  const found = index.rowsContaining(needle);
  if (found.rows) return [...found.rows];
  const rows = new Uint32Array(found.count);
  listBits(found.bits!, rows);
  return [...rows];
}

describe('the search index over ASCII ids', () => {
  it('finds exactly the ids holding a needle, whichever symbols it is made of', () => {
    const needles = ['+~', 'a+b', '~ ~', 'a b', 'abc', 'e-0', '+++', 'ab+c~', '. /'];
    for (let i = 0; i < 300; i++) {
      const id = IDS[Math.floor(random() * IDS.length)]!.toLowerCase();
      const length = 3 + (i % 7);
      const start = Math.floor(random() * Math.max(1, id.length - length));
      needles.push(id.slice(start, start + length));
    }
    for (const needle of needles) {
      const expected = IDS.flatMap((id, row) => (id.toLowerCase().includes(needle) ? [row] : []));
      expect(rowsOf(needle), needle).toEqual(expected);
      for (const row of expected.slice(0, 5)) expect(INDEX.contains(row, needle), needle).toBe(true);
    }
  });

  it('tells a character that shares a symbol from another (`+` is not `~`)', () => {
    const index = TextIndex.of(['org/a+b-model', 'org/a~b-model', 'org/A+B-MODEL']);
    expect(rowsOf('a+b-', index)).toEqual([0, 2]);
    expect([0, 1, 2].map((row) => index.contains(row, 'a~b'))).toEqual([false, true, false]);
  });
});
