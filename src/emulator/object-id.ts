import type { Random } from './random.ts';

/**
 * 24-hex-digit ids (MongoDB ObjectIds, and 40-digit commit hashes) kept as 32-bit words, 8 hex digits each, rather
 * than as strings: a million ids as words take 12 MB instead of about 50, and compare and sort as numbers.
 */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex8(word: number): string {
  return (
    (BYTE_HEX[word >>> 24] as string) +
    (BYTE_HEX[(word >>> 16) & 255] as string) +
    (BYTE_HEX[(word >>> 8) & 255] as string) +
    (BYTE_HEX[word & 255] as string)
  );
}

/** The hex string of `count` words starting at `words[at]`. */
export function hexOfWords(words: Uint32Array, at: number, count: number): string {
  let text = '';
  for (let k = 0; k < count; k++) text += hex8(words[at + k] as number);
  return text;
}

/** `Random.hex` prints each drawn word's bytes low byte first; as one number, that is the word byte-swapped. */
const byteSwapped = (w: number) =>
  (((w & 255) << 24) | (((w >>> 8) & 255) << 16) | (((w >>> 16) & 255) << 8) | (w >>> 24)) >>> 0;

/**
 * Draws a MongoDB-like ObjectId into `words[at..at+2]`: creation seconds, five random bytes, then a counter so ids
 * never collide. Draws exactly what `Random.hex(10)` would, so datasets keep their bytes.
 */
export function drawObjectId(words: Uint32Array, at: number, ms: number, random: Random, counter: number): void {
  const first = random.uint32();
  const second = random.uint32();
  words[at] = Math.floor(ms / 1000) >>> 0;
  words[at + 1] = byteSwapped(first);
  words[at + 2] = (((second & 255) << 24) | (counter & 0xffffff)) >>> 0;
}

/** Draws a 40-hex-digit commit hash into `words[at..at+4]`, as `Random.hex(40)` would. */
export function drawSha(words: Uint32Array, at: number, random: Random): void {
  for (let k = 0; k < 5; k++) words[at + k] = byteSwapped(random.uint32());
}

/** Parses 8·`count` hex digits of `text` into words; false if they are not all hex digits. */
export function parseHexWords(text: string, words: Uint32Array, at: number, count: number): boolean {
  if (text.length !== 8 * count || !/^[0-9a-f]+$/.test(text)) return false;
  for (let k = 0; k < count; k++) words[at + k] = parseInt(text.slice(8 * k, 8 * k + 8), 16) >>> 0;
  return true;
}
