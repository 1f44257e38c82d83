import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import { catalogKeys, type CatalogKeys, type SnapshotManifest, type SnapshotPointer } from '../../src/store/index.ts';

/** The keys of the catalog `appFor(upstream)` serves: multi-sort over likes and downloads for hf-inference. */
export function keysOf(upstream: string): CatalogKeys {
  return catalogKeys({ upstream, provider: 'hf-inference', strategy: 'multi-sort', sorts: ['likes', 'downloads'] });
}

const sha256 = (payload: Buffer) => createHash('sha256').update(payload).digest('hex');

export interface ForgedSnapshot {
  id: string;
  fetchedAt: string;
  /** Rows of each chunk, as plain JSON values (so a test may put anything there). */
  chunks: unknown[][];
  report: Record<string, unknown>;
  refreshedBy?: string;
}

/**
 * A stored catalog as an operator (or an attacker) with redis-cli sees it: raw keys, zlib and JSON, none of hubcat's
 * own code for reading or writing them.
 */
export function storedCatalog(redis: Redis, keys: CatalogKeys) {
  const deflated = (rows: unknown[]) => deflateSync(Buffer.from(JSON.stringify(rows)));
  const json = async <T>(key: string) => JSON.parse((await redis.get(key))!) as T;
  return {
    pointer: () => json<SnapshotPointer>(keys.pointer),
    manifest: (id: string) => json<SnapshotManifest>(keys.manifest(id)),
    /** Rows as a chunk holds them: deflated JSON. */
    deflated,
    /** The manifest's entry for a chunk of these bytes, so a tampered chunk can be made to pass its checksum. */
    entryOf: (rows: number, payload: Buffer) => ({ rows, bytes: payload.length, sha256: sha256(payload) }),
    rows: async (id: string, index: number) =>
      JSON.parse(inflateSync((await redis.getBuffer(keys.chunk(id, index)))!).toString('utf8')) as unknown[],
    /**
     * Writes a snapshot the way hubcat lays one out, checksums and all, lets `tamper` change what was written, then
     * switches the pointer and announces it.
     */
    publish: async (forged: ForgedSnapshot, tamper?: () => Promise<unknown>): Promise<SnapshotPointer> => {
      const payloads = forged.chunks.map(deflated);
      for (const [index, payload] of payloads.entries()) await redis.set(keys.chunk(forged.id, index), payload);
      const rows = forged.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      const refreshedBy = forged.refreshedBy ?? 'forger';
      const manifest = {
        id: forged.id,
        fetchedAt: forged.fetchedAt,
        refreshedBy,
        rows,
        chunks: payloads.map((payload, index) => ({
          rows: forged.chunks[index]!.length,
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
