import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import {
  DETAIL_COLUMNS,
  ModelTable,
  NUMBER_COLUMNS,
  type ColumnSlice,
  type DetailColumn,
  type NumberColumn,
} from '../../src/catalog/index.ts';
import type { StoredColumnSlice } from '../../src/store/snapshot-schema.ts';
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

/** A stored chunk of columns as a slice: each number column read from the base64 of its little-endian bytes. */
function columnsOf(stored: StoredColumnSlice): ColumnSlice {
  const decoded = <Name extends string>(columns: Record<Name, ArrayType>, texts: Record<Name, string>) =>
    Object.fromEntries(
      Object.entries<ArrayType>(columns).map(([name, array]) => [
        name,
        new array(valuesOf(texts[name as Name], array)),
      ]),
    );
  const details = stored.details && decoded<DetailColumn>(DETAIL_COLUMNS, stored.details);
  return { ...stored, ...decoded<NumberColumn>(NUMBER_COLUMNS, stored), details } as unknown as ColumnSlice;
}

/** How each typed array's values read and write as little-endian bytes, whatever the host's order. */
const LITTLE_ENDIAN = {
  8: [(view: DataView, at: number) => view.getFloat64(at, true), (view, at, value) => view.setFloat64(at, value, true)],
  4: [(view: DataView, at: number) => view.getInt32(at, true), (view, at, value) => view.setInt32(at, value, true)],
  1: [(view: DataView, at: number) => view.getUint8(at), (view, at, value) => view.setUint8(at, value)],
} as const satisfies Record<number, [unknown, (view: DataView, at: number, value: number) => void]>;

type ArrayType = (typeof NUMBER_COLUMNS)[NumberColumn];

/** The values of base64 little-endian text as an array type's, as plain numbers (Uint32 values below 2^31). */
export function valuesOf(text: string, array: ArrayType): number[] {
  const bytes = Buffer.from(text, 'base64');
  const width = array.BYTES_PER_ELEMENT as keyof typeof LITTLE_ENDIAN;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Array.from({ length: Math.floor(bytes.length / width) }, (_, i) => LITTLE_ENDIAN[width][0](view, i * width));
}

/** `values` as an array type's little-endian bytes in base64: a number column as a chunk stores it. */
export function littleEndian(values: readonly number[], array: ArrayType): string {
  const width = array.BYTES_PER_ELEMENT as keyof typeof LITTLE_ENDIAN;
  const bytes = Buffer.alloc(values.length * width);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  values.forEach((value, i) => LITTLE_ENDIAN[width][1](view, i * width, value));
  return bytes.toString('base64');
}

export const storedValues = (stored: StoredColumnSlice, name: NumberColumn) =>
  valuesOf(stored[name], NUMBER_COLUMNS[name]);

/** Edits a stored number column as its values, and stores it back as base64 of their little-endian bytes. */
export function editColumn(stored: StoredColumnSlice, name: NumberColumn, edit: (values: number[]) => void): void {
  const values = storedValues(stored, name);
  edit(values);
  stored[name] = littleEndian(values, NUMBER_COLUMNS[name]);
}
