import type { ModelTable } from '../catalog/index.ts';
import { compareIds } from '../catalog/index.ts';
import { Postings } from './postings.ts';
import { ValueIndex } from './value-index.ts';

/**
 * Authors compared without case: every spelling of an owner (`Qwen`, `qwen`) under one lower-cased key, with the rows
 * of all its spellings, shown as its most common spelling.
 */
export class AuthorKeys {
  /** Each row's author key; -1 for none. */
  readonly keyColumn: Int32Array;
  readonly values: ValueIndex;
  /** The spelling shown for each key: the one most rows carry, ties to the first in code-unit order. */
  readonly labels: readonly string[];
  readonly #keys = new Map<string, number>();

  constructor(table: ModelTable) {
    const spellings = table.dictionary('author');
    const keyOfCode = Int32Array.from(spellings, (spelling) => {
      const lower = spelling.toLowerCase();
      let key = this.#keys.get(lower);
      if (key === undefined) {
        key = this.#keys.size;
        this.#keys.set(lower, key);
      }
      return key;
    });
    this.keyColumn = new Int32Array(table.size);
    for (let row = 0; row < table.size; row++) {
      const code = table.author[row]!;
      this.keyColumn[row] = code < 0 ? -1 : keyOfCode[code]!;
    }
    this.values = new ValueIndex(Postings.ofColumn(this.keyColumn, this.#keys.size), table.size);
    this.labels = commonestSpellings(table, keyOfCode, this.#keys.size);
  }

  /** The key of an author however it is cased, or -1 when no row has it. */
  keyOf(author: string): number {
    return this.#keys.get(author.toLowerCase()) ?? -1;
  }
}

function commonestSpellings(table: ModelTable, keyOfCode: Int32Array, keys: number): string[] {
  const spellings = table.dictionary('author');
  const rowsPerCode = new Uint32Array(spellings.length);
  for (const code of table.author) if (code >= 0) rowsPerCode[code]!++;
  const best = new Int32Array(keys).fill(-1);
  keyOfCode.forEach((key, code) => {
    const current = best[key]!;
    const better =
      current < 0 ||
      rowsPerCode[code]! > rowsPerCode[current]! ||
      (rowsPerCode[code] === rowsPerCode[current] && compareIds(spellings[code]!, spellings[current]!) < 0);
    if (better) best[key] = code;
  });
  return Array.from(best, (code) => spellings[code]!);
}
