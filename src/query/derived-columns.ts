import { MODALITIES } from '../catalog/index.ts';

/**
 * The buckets of the `parameterSizes` facet: each from its `from` (inclusive) up to the next one's, the last without
 * end. The sizes open-weight language models are released in (1B, 3B, 7–8B, 13B, 70B, 405B) fall inside one each,
 * away from the edges.
 */
export const PARAMETER_SIZES = [
  { label: '<1B', from: 0 },
  { label: '1B-3B', from: 1e9 },
  { label: '3B-10B', from: 3e9 },
  { label: '10B-30B', from: 1e10 },
  { label: '30B-100B', from: 3e10 },
  { label: '100B+', from: 1e11 },
] as const;

/** A column of bucket codes, one per row (-1 without a count): made once per table, as the posting lists are. */
const sizeCodes = new WeakMap<Float64Array, Int32Array>();

export function parameterSizeCodes(parameters: Float64Array): Int32Array {
  let codes = sizeCodes.get(parameters);
  if (!codes) {
    codes = new Int32Array(parameters.length);
    for (let row = 0; row < parameters.length; row++) codes[row] = parameterSizeOf(parameters[row]!);
    sizeCodes.set(parameters, codes);
  }
  return codes;
}

function parameterSizeOf(count: number): number {
  if (!(count >= 0) || !Number.isFinite(count)) return -1;
  let bucket = 0;
  while (bucket + 1 < PARAMETER_SIZES.length && count >= PARAMETER_SIZES[bucket + 1]!.from) bucket++;
  return bucket;
}

/**
 * A column of modality flags (bit i for `MODALITIES[i]`) as runs of codes, the shape of the table's other multi-valued
 * columns, so posting lists, conditions and facets treat it as they treat tags. Made once per table.
 */
const runsOf = new WeakMap<Uint8Array, { start: Uint32Array; codes: Int32Array }>();

export function modalityRuns(flags: Uint8Array): { kind: 'runs'; start: Uint32Array; codes: Int32Array } {
  let runs = runsOf.get(flags);
  if (!runs) {
    const start = new Uint32Array(flags.length + 1);
    for (let row = 0; row < flags.length; row++) start[row + 1] = start[row]! + bitCount(flags[row]!);
    const codes = new Int32Array(start[flags.length]!);
    let entry = 0;
    for (let row = 0; row < flags.length; row++) {
      for (let code = 0; code < MODALITIES.length; code++) if ((flags[row]! >>> code) & 1) codes[entry++] = code;
    }
    runs = { start, codes };
    runsOf.set(flags, runs);
  }
  return { kind: 'runs', ...runs };
}

function bitCount(byte: number): number {
  let count = 0;
  for (let bits = byte; bits !== 0; bits &= bits - 1) count++;
  return count;
}
