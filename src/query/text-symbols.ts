/**
 * Ids read as small numbers: `a-z0-9-_./` one symbol each (the characters Hub ids are made of), every other ASCII
 * character one shared symbol. A trigram is three symbols, so there are 42³ (74,088) of them and what the index keeps
 * per trigram fits in a megabyte or so, which the passes that build it can keep in cache.
 */
export const SYMBOLS = 42;
const OTHER = SYMBOLS - 1;
export const GRAMS = SYMBOLS * SYMBOLS * SYMBOLS;

const SYMBOL_OF = Uint8Array.from({ length: 128 }, (_, code) => {
  const lower = code >= 65 && code <= 90 ? code + 32 : code;
  if (lower >= 97 && lower <= 122) return lower - 96;
  if (lower >= 48 && lower <= 57) return lower - 48 + 27;
  const punctuation = '-_./'.indexOf(String.fromCharCode(lower));
  return punctuation >= 0 ? 37 + punctuation : OTHER;
});

/** The symbol of an ASCII character, upper-case letters read as lower-case. */
export function symbolOf(charCode: number): number {
  return SYMBOL_OF[charCode]!;
}

/** The lower-case character of each exact symbol (see `symbolOf`; the last code of a letter is its lower case). */
const CHAR_OF_SYMBOL = Array.from({ length: SYMBOLS }, (_, symbol) => {
  const code = SYMBOL_OF.lastIndexOf(symbol);
  return symbol !== OTHER && code >= 0 ? String.fromCharCode(code) : '\u0000';
});

export function charOfSymbol(symbol: number): string {
  return CHAR_OF_SYMBOL[symbol]!;
}

/** Each ASCII code's lower-case code. */
const LOWER = Uint8Array.from({ length: 128 }, (_, code) => (code >= 65 && code <= 90 ? code + 32 : code));

export const isExactSymbol = (symbol: number): boolean => symbol !== OTHER;

export function gramOf(first: number, second: number, third: number): number {
  return (first * SYMBOLS + second) * SYMBOLS + third;
}

// eslint-disable-next-line no-control-regex -- ASCII is a range that starts at U+0000.
const NOT_ASCII = /[^\u0000-\u007f]/;

/** Whether every character of `text` is ASCII. */
export function isAscii(text: string): boolean {
  return !NOT_ASCII.test(text);
}

/**
 * The symbols of every id one after the other, row `r`'s from `starts[r]` up to `starts[r + 1]` (an id outside ASCII
 * has none: see IdSymbols). Read once from the strings, then by every pass of the build, and in two arrays a worker
 * thread can be handed without copying.
 */
export interface PackedIds {
  symbols: Uint8Array;
  starts: Uint32Array;
}

/**
 * The ids of a table as symbols. An id with a character outside ASCII is left out (read as empty) and listed in
 * `special`: lower-casing it can change its length or even give ASCII letters (the Kelvin sign is a `k`), so such
 * rows are checked one by one against every needle. Hub ids are ASCII, so the list is normally empty. It is complete
 * once every row has been read, which building the search index does first.
 */
export class IdSymbols {
  readonly special: number[] = [];
  /** The characters of all ids together: room for all their symbols. */
  readonly symbolCount: number;

  constructor(readonly ids: readonly string[]) {
    let characters = 0;
    for (const id of ids) characters += id.length;
    this.symbolCount = characters;
  }

  /**
   * Writes the symbols of the row's id into `out` from `start`; returns how many, none for an id outside ASCII, which
   * it lists in `special` (rows are read once each, in ascending order). The characters are tested as they are read,
   * where a regular expression per id took a tenth of building the index.
   */
  read(row: number, out: Uint8Array, start: number): number {
    const id = this.ids[row]!;
    let codes = 0;
    for (let at = 0; at < id.length; at++) {
      const code = id.charCodeAt(at);
      codes |= code;
      out[start + at] = SYMBOL_OF[code & 0x7f]!;
    }
    if (codes <= 0x7f) return id.length;
    this.special.push(row);
    return 0;
  }

  /**
   * Whether the row's lower-cased id contains `needle` (lower-cased already). An ASCII id is compared a character at a
   * time, upper-case letters read as lower-case, rather than lower-cased into a new string per check.
   */
  contains(row: number, needle: string): boolean {
    const id = this.ids[row]!;
    if (this.special.length > 0 && NOT_ASCII.test(id)) return id.toLowerCase().includes(needle);
    const first = needle.charCodeAt(0);
    positions: for (let at = 0; at + needle.length <= id.length; at++) {
      if (LOWER[id.charCodeAt(at)] !== first) continue;
      for (let k = 1; k < needle.length; k++) {
        if (LOWER[id.charCodeAt(at + k)] !== needle.charCodeAt(k)) continue positions;
      }
      return true;
    }
    return false;
  }
}
