import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import { ModelTable, type ColumnSlice } from '../../src/catalog/index.ts';
import { FLOAT64_COLUMNS, type StoredColumnSlice } from '../../src/store/snapshot-schema.ts';
import { catalogKeys, type CatalogKeys, type SnapshotManifest, type SnapshotPointer } from '../../src/store/index.ts';

/** The keys of the catalog `appFor(upstream)` serves: multi-sort over likes and downloads for hf-inference. */
export function keysOf(upstream: string): CatalogKeys {
  return catalogKeys({ upstream, provider: 'hf-inference', strategy: 'multi-sort', sorts: ['likes', 'downloads'] });
}

const sha256 = (payload: Buffer) => createHash('sha256').update(payload).digest('hex');

export interface ForgedSnapshot {
  id: string;
  fetchedAt: string;
  /** Rows of each chunk, as plain JSON values (so a test may put anything there); columns when `format` is 2. */
  chunks: unknown[][] | StoredColumnSlice[];
  /** Left out of the manifest when absent, as hubcat wrote manifests before formats were numbered. */
  format?: number;
  report: Record<string, unknown>;
  refreshedBy?: string;
}

/**
 * A stored catalog as an operator (or an attacker) with redis-cli sees it: raw keys, zlib and JSON, none of hubcat's
 * own code for reading or writing them.
 */
export function storedCatalog(redis: Redis, keys: CatalogKeys) {
  const deflated = (value: unknown) => deflateSync(Buffer.from(JSON.stringify(value)));
  const json = async <T>(key: string) => JSON.parse((await redis.get(key))!) as T;
  const chunkValue = async (id: string, index: number) =>
    JSON.parse(inflateSync((await redis.getBuffer(keys.chunk(id, index)))!).toString('utf8')) as unknown;
  const rowsIn = (chunk: unknown[] | StoredColumnSlice) => (Array.isArray(chunk) ? chunk.length : chunk.ids.length);
  return {
    pointer: () => json<SnapshotPointer>(keys.pointer),
    manifest: (id: string) => json<SnapshotManifest>(keys.manifest(id)),
    /** A value as a chunk holds it: deflated JSON. */
    deflated,
    /** The manifest's entry for a chunk of these bytes, so a tampered chunk can be made to pass its checksum. */
    entryOf: (rows: number, payload: Buffer) => ({ rows, bytes: payload.length, sha256: sha256(payload) }),
    /** A chunk's JSON value as stored: rows in format 1, columns in format 2. */
    chunkValue,
    /**
     * The rows of a chunk, whichever format holds them. Columns are read back into rows by hubcat's own table, the one
     * use of hubcat's code here: the rows only seed forged snapshots, and the table's slices are tested on their own.
     */
    rows: async (id: string, index: number): Promise<unknown[]> => {
      const value = await chunkValue(id, index);
      if (Array.isArray(value)) return value as unknown[];
      const builder = ModelTable.builder();
      builder.addSlice(columnsOf(value as StoredColumnSlice));
      return builder.finish().toJSON();
    },
    /**
     * Writes a snapshot the way hubcat lays one out, checksums and all, lets `tamper` change what was written, then
     * switches the pointer and announces it.
     */
    publish: async (forged: ForgedSnapshot, tamper?: () => Promise<unknown>): Promise<SnapshotPointer> => {
      const payloads = forged.chunks.map(deflated);
      for (const [index, payload] of payloads.entries()) await redis.set(keys.chunk(forged.id, index), payload);
      const rows = forged.chunks.reduce((sum, chunk) => sum + rowsIn(chunk), 0);
      const refreshedBy = forged.refreshedBy ?? 'forger';
      const manifest = {
        ...(forged.format === undefined ? {} : { format: forged.format }),
        id: forged.id,
        fetchedAt: forged.fetchedAt,
        refreshedBy,
        rows,
        chunks: payloads.map((payload, index) => ({
          rows: rowsIn(forged.chunks[index]!),
          bytes: payload.length,
          sha256: sha256(payload),
        })),
        report: forged.report,
      };
      await redis.set(keys.manifest(forged.id), JSON.stringify(manifest));
      await tamper?.();
      const pointer = { id: forged.id, fetchedAt: forged.fetchedAt, refreshedBy, rows, chunks: payloads.length };
      await redis.set(keys.pointer, JSON.stringify(pointer));
      await redis.publish(keys.channel, JSON.stringify(pointer));
      return pointer;
    },
  };
}

/** A stored chunk of columns as a slice: its float64 columns read from the base64 of their little-endian bytes. */
function columnsOf(stored: StoredColumnSlice): ColumnSlice {
  const floats = (text: string) => {
    const bytes = Buffer.from(text, 'base64');
    return Float64Array.from({ length: bytes.length / 8 }, (_, i) => bytes.readDoubleLE(i * 8));
  };
  const columns = Object.fromEntries(FLOAT64_COLUMNS.map((name) => [name, floats(stored[name])]));
  return { ...stored, ...columns } as unknown as ColumnSlice;
}
