import { countBits, newBitset, setBit, type Bitset } from './bitset.ts';
import { charOfSymbol, isExactSymbol, SYMBOLS, symbolOf, type PackedIds } from './text-symbols.ts';

/** Rows sampled to find the common substrings: one that a 64th of the ids hold shows in about 250 of them. */
const SAMPLE_ROWS = 16_384;
/**
 * A substring held by this share of the sampled ids is marked over all of them: a little below the 64th kept, so one
 * the sample happens to undercount is still marked.
 */
const SAMPLE_SHARE = 80;
/**
 * A substring at least one row in 64 holds keeps its rows: checking a candidate costs a cache miss, so a needle left
 * to the trigrams has its checks bounded near a 64th of the rows (15,000 at a million, 1 to 2 ms).
 */
const KEPT_SHARE = 64;
/** Trigrams are left out: the gram table answers one of exact symbols exactly. */
const MIN_PATTERN = 2;
const TRIGRAM = 3;
const MAX_PATTERN = 32;
/** Patterns marked in the pass over every id: the automaton's outputs per character grow with them. */
const MAX_MARKED = 256;
/** Distinct row sets kept: each is a bitset (125 KB at a million rows), so 16 MB at most. */
const MAX_KEPT = 128;

/** A set of rows as a bitset, and how many it holds. */
export interface CountedBits {
  bits: Bitset;
  count: number;
}

/**
 * Exact rows of each common substring (of 2 or 4 to 32 characters), as bitsets: found on a sample, marked in one pass
 * over every id, kept if at least one row in 64 holds it. Substrings with the same rows (`/model` and `/model-` when
 * every id has the latter) share one bitset.
 */
export class PatternMarks {
  readonly #patterns: string[];
  readonly #bits: Bitset[];
  readonly #matcher: PatternMatcher;

  readonly #size: number;

  constructor(private readonly ids: PackedIds) {
    this.#size = ids.starts.length - 1;
    this.#patterns = findCommonPatterns(sampleOf(ids)).slice(0, MAX_MARKED);
    this.#bits = this.#patterns.map(() => newBitset(this.#size));
    this.#matcher = new PatternMatcher(this.#patterns);
  }

  /** Marks the patterns in rows [from, to). */
  mark(from: number, to: number): void {
    this.#matcher.markRows(this.ids, from, to, this.#bits);
  }

  /** The patterns at least one row in 64 holds, with their rows, once every row is marked. */
  kept(): Map<string, CountedBits> {
    const [patterns, bits, size] = [this.#patterns, this.#bits, this.#size];
    const counts = bits.map(countBits);
    const byLength = patterns.map((_, i) => i).sort((a, b) => patterns[a]!.length - patterns[b]!.length);
    const kept = new Map<string, CountedBits>();
    let distinct = 0;
    for (const i of byLength) {
      if (counts[i]! * KEPT_SHARE < size) continue;
      const same = [...kept].find(([text, set]) => set.count === counts[i] && patterns[i]!.includes(text));
      if (same) kept.set(patterns[i]!, same[1]);
      else if (distinct++ < MAX_KEPT) kept.set(patterns[i]!, { bits: bits[i]!, count: counts[i]! });
    }
    return kept;
  }
}

/** Evenly spread rows of the table (those with symbols), lower-cased and joined as one text, with each one's start. */
interface Sample {
  text: string;
  symbols: Uint8Array;
  starts: Uint32Array;
}

/** Ends each sampled id, as the newline of a joined text would: a symbol no pattern holds. */
const SEPARATOR = symbolOf('\n'.charCodeAt(0));

function sampleOf({ symbols, starts: rowStarts }: PackedIds): Sample {
  const size = rowStarts.length - 1;
  const step = Math.max(1, Math.floor(size / SAMPLE_ROWS));
  const rows: number[] = [];
  for (let row = 0; row < size; row += step) if (rowStarts[row + 1]! > rowStarts[row]!) rows.push(row);
  const starts = new Uint32Array(rows.length + 1);
  rows.forEach((row, i) => (starts[i + 1] = starts[i]! + rowStarts[row + 1]! - rowStarts[row]! + 1));
  const sample = new Uint8Array(starts[rows.length]!);
  rows.forEach((row, i) => {
    sample.set(symbols.subarray(rowStarts[row], rowStarts[row + 1]), starts[i]);
    sample[starts[i + 1]! - 1] = SEPARATOR;
  });
  return { text: Array.from(sample, charOfSymbol).join(''), symbols: sample, starts };
}

/**
 * Substrings of 2 to 32 characters but 3 (of the exact symbols only) that many of the sampled rows hold, most common
 * first: the needles whose candidates a trigram index cannot narrow, since each of their trigrams is common too. Found
 * level by level: a substring can be common only if the one a character shorter is.
 */
function findCommonPatterns({ text: haystack, symbols, starts }: Sample): string[] {
  const sampled = Array.from({ length: starts.length - 1 }, (_, i) => i);
  const threshold = Math.max(2, Math.ceil(sampled.length / SAMPLE_SHARE));
  let level = everyPosition(starts, sampled);
  const found: { text: string; rows: number }[] = [];
  for (let length = 1; length <= MAX_PATTERN && level.positions.length > 0; length++) {
    const longer = extend(haystack, symbols, level, length, threshold);
    if (length >= MIN_PATTERN && length !== TRIGRAM) {
      found.push(...longer.texts.map((text, code) => ({ text, rows: longer.rows[code]! })));
    }
    level = longer;
  }
  return found.sort((a, b) => b.rows - a.rows).map(({ text }) => text);
}

/** The sampled positions where a common substring of one length starts, which one, and its sampled row. */
interface Level {
  positions: Uint32Array;
  /** Index into `texts` (all 0 before the first character). */
  codes: Uint32Array;
  samples: Uint32Array;
  /** Where each sampled position's id ends. */
  ends: Uint32Array;
  texts: string[];
  rows: number[];
}

function everyPosition(starts: Uint32Array, sampled: readonly number[]): Level {
  const total = sampled.reduce((sum, row) => sum + starts[row + 1]! - 1 - starts[row]!, 0);
  const level: Level = {
    positions: new Uint32Array(total),
    codes: new Uint32Array(total),
    samples: new Uint32Array(total),
    ends: new Uint32Array(total),
    texts: [''],
    rows: [sampled.length],
  };
  let at = 0;
  sampled.forEach((row, sample) => {
    for (let position = starts[row]!; position < starts[row + 1]! - 1; position++, at++) {
      level.positions[at] = position;
      level.samples[at] = sample;
      level.ends[at] = starts[row + 1]! - 1;
    }
  });
  return level;
}

/** The common substrings one character longer than `level`'s, and where they start. */
function extend(haystack: string, symbols: Uint8Array, level: Level, length: number, threshold: number): Level {
  const { positions, codes, samples, ends } = level;
  const keys = level.texts.length * SYMBOLS;
  const rows = new Int32Array(keys);
  const lastSample = new Int32Array(keys).fill(-1);
  const firstAt = new Uint32Array(keys);
  const keyOf = new Int32Array(positions.length).fill(-1);
  for (let i = 0; i < positions.length; i++) {
    const last = positions[i]! + length - 1;
    if (last >= ends[i]!) continue;
    const symbol = symbols[last]!;
    if (!isExactSymbol(symbol)) continue;
    const key = codes[i]! * SYMBOLS + symbol;
    keyOf[i] = key;
    if (lastSample[key] === samples[i]) continue;
    lastSample[key] = samples[i]!;
    if (rows[key]!++ === 0) firstAt[key] = positions[i]!;
  }
  const codeOfKey = new Int32Array(keys).fill(-1);
  const texts: string[] = [];
  const counts: number[] = [];
  for (let key = 0; key < keys; key++) {
    if (rows[key]! < threshold) continue;
    codeOfKey[key] = texts.length;
    texts.push(haystack.slice(firstAt[key], firstAt[key]! + length));
    counts.push(rows[key]!);
  }
  let kept = 0;
  for (let i = 0; i < positions.length; i++) if (keyOf[i]! >= 0 && codeOfKey[keyOf[i]!]! >= 0) kept++;
  const next: Level = {
    positions: new Uint32Array(kept),
    codes: new Uint32Array(kept),
    samples: new Uint32Array(kept),
    ends: new Uint32Array(kept),
    texts,
    rows: counts,
  };
  let at = 0;
  for (let i = 0; i < positions.length; i++) {
    const code = keyOf[i]! >= 0 ? codeOfKey[keyOf[i]!]! : -1;
    if (code < 0) continue;
    next.positions[at] = positions[i]!;
    next.codes[at] = code;
    next.samples[at] = samples[i]!;
    next.ends[at++] = ends[i]!;
  }
  return next;
}

/**
 * Finds every occurrence of a set of patterns in one pass over a text (Aho–Corasick, its transitions completed into a
 * table of 64 symbols per state).
 */
class PatternMatcher {
  readonly #next: Int32Array;
  /** The patterns ending at state `s` are `#endings[#endingStart[s]]` up to `#endings[#endingStart[s + 1]]`. */
  readonly #endingStart: Uint32Array;
  readonly #endings: Uint16Array;

  constructor(patterns: readonly string[]) {
    const trie = buildTrie(patterns);
    this.#next = trie.next;
    completeTransitions(this.#next, trie.ending);
    // One array rather than an array per state: the pass over every id reads them once per character.
    this.#endingStart = new Uint32Array(trie.ending.length + 1);
    trie.ending.forEach((ending, state) => (this.#endingStart[state + 1] = this.#endingStart[state]! + ending.length));
    this.#endings = Uint16Array.from(trie.ending.flat());
  }

  /** Sets in `bits[p]` the rows of [from, to) whose id holds pattern p. */
  markRows({ symbols, starts }: PackedIds, from: number, to: number, bits: Bitset[]): void {
    const [next, endingStart, endings] = [this.#next, this.#endingStart, this.#endings];
    for (let row = from; row < to; row++) {
      let state = 0;
      for (let at = starts[row]!; at < starts[row + 1]!; at++) {
        state = next[state * SYMBOLS + symbols[at]!]!;
        for (let i = endingStart[state]!; i < endingStart[state + 1]!; i++) setBit(bits[endings[i]!]!, row);
      }
    }
  }
}

function buildTrie(patterns: readonly string[]): { next: Int32Array; ending: number[][] } {
  const states = 1 + patterns.reduce((sum, pattern) => sum + pattern.length, 0);
  const next = new Int32Array(states * SYMBOLS).fill(-1);
  const ending: number[][] = [[]];
  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let at = 0; at < pattern.length; at++) {
      const edge = state * SYMBOLS + symbolOf(pattern.charCodeAt(at));
      if (next[edge] === -1) {
        next[edge] = ending.length;
        ending.push([]);
      }
      state = next[edge]!;
    }
    ending[state]!.push(index);
  });
  return { next: next.subarray(0, ending.length * SYMBOLS), ending };
}

/** Breadth first: each missing transition takes that of the longest proper suffix state, whose endings it inherits. */
function completeTransitions(next: Int32Array, ending: (readonly number[])[]): void {
  const fail = new Int32Array(ending.length);
  const queue: number[] = [];
  for (let symbol = 0; symbol < SYMBOLS; symbol++) {
    const child = next[symbol]!;
    if (child === -1) next[symbol] = 0;
    else queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    ending[state] = [...ending[state]!, ...ending[fail[state]!]!];
    for (let symbol = 0; symbol < SYMBOLS; symbol++) {
      const edge = state * SYMBOLS + symbol;
      const fallback = next[fail[state]! * SYMBOLS + symbol]!;
      if (next[edge] === -1) next[edge] = fallback;
      else {
        fail[next[edge]!] = fallback;
        queue.push(next[edge]!);
      }
    }
  }
}
