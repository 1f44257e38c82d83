import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { deflate, inflate } from 'node:zlib';
import { z } from 'zod';
import type { ColumnSlice, Model } from '../catalog/index.ts';
import { encodeNumberColumn } from './column-chunk.ts';
import { compileValidator } from './compiled-validator.ts';
import { modelRowSchema, type ChunkEntry } from './snapshot-schema.ts';
import { parseJsonOrReject, parseOrReject, SnapshotRejectedError } from './stored-snapshot.ts';

/**
 * Rows per chunk. 10,000 models are about 7 MB of JSON as rows, 3.5 MB as columns, and under 1 MB deflated: writing
 * holds one chunk's JSON at a time, one chunk travels well within a store call's deadline, and a million models make a
 * hundred keys.
 */
export const CHUNK_ROWS = 10_000;

/** A chunk of 10,000 rows inflates to a few MB; one that inflates past this is a bomb, not a chunk hubcat wrote. */
const MAX_CHUNK_JSON_BYTES = 64 * 1024 * 1024;

/**
 * zlib hands inflated output back in pieces of this size, each a callback and a buffer copy on the main thread: at
 * zlib's default 16 KiB, a chunk's 4 MB of JSON was 250 of them, a tenth of a million-row load's CPU.
 */
const INFLATE_PIECE_BYTES = 256 * 1024;

const deflateAsync = promisify(deflate);
const inflateAsync = promisify(inflate);

const sha256 = (payload: Buffer) => createHash('sha256').update(payload).digest('hex');

/**
 * A table's rows as one stored chunk of columns (deflated JSON, compressed off the event loop) and the entry the
 * manifest keeps of it.
 */
export async function encodeChunk(slice: ColumnSlice): Promise<{ payload: Buffer; entry: ChunkEntry }> {
  const stored = JSON.stringify(slice, (_, value: unknown) =>
    ArrayBuffer.isView(value) ? encodeNumberColumn(value as Parameters<typeof encodeNumberColumn>[0]) : value,
  );
  const payload = await deflateAsync(Buffer.from(stored));
  return { payload, entry: { rows: slice.ids.length, bytes: payload.length, sha256: sha256(payload) } };
}

/** The payload, if it is the chunk the manifest describes; otherwise a SnapshotRejectedError saying how it is not. */
export function verifyChunk(payload: Buffer | null, entry: ChunkEntry, where: string): Buffer {
  if (payload === null) throw new SnapshotRejectedError(`${where} is missing`);
  if (payload.length !== entry.bytes || sha256(payload) !== entry.sha256) {
    throw new SnapshotRejectedError(`${where} does not match its checksum`);
  }
  return payload;
}

/**
 * The JSON text of a verified chunk, inflated off the event loop (in libuv's thread pool), so a replica loading a
 * snapshot inflates the next chunks while it validates this one.
 */
export async function inflateChunk(payload: Buffer, where: string): Promise<string> {
  try {
    return (
      await inflateAsync(payload, { maxOutputLength: MAX_CHUNK_JSON_BYTES, chunkSize: INFLATE_PIECE_BYTES })
    ).toString('utf8');
  } catch {
    throw new SnapshotRejectedError(`${where} does not inflate`);
  }
}

const isModelRow = compileValidator(modelRowSchema);

/**
 * The rows of an inflated chunk of format 1 (a JSON array of rows, as hubcat wrote snapshots before format 2), each
 * validated; a chunk that checks out but holds something else is rejected too.
 * Rows are checked where they lie by a validator compiled from the row schema; zod itself runs only on a chunk that
 * fails, to say what is wrong with it.
 */
export function decodeRowChunk(json: string, entry: ChunkEntry, where: string): Model[] {
  const rows = parseJsonOrReject(json, where);
  if (Array.isArray(rows) && rows.length === entry.rows && rows.every((row) => isModelRow(row))) return rows;
  parseOrReject(z.array(modelRowSchema).length(entry.rows), rows, where);
  throw new SnapshotRejectedError(`${where} has the wrong shape`);
}
