import { setImmediate as nextTurn } from 'node:timers/promises';
import { ModelTable, type CatalogSnapshot, type TableBuilder } from '../catalog/index.ts';
import type { CatalogKeys } from './catalog-keys.ts';
import { CHUNK_ROWS, decodeRowChunk, encodeChunk, inflateChunk, verifyChunk } from './chunk-codec.ts';
import { decodeColumnChunk } from './column-chunk.ts';
import type { RedisClient } from './redis-client.ts';
import type { LeaseGrant } from './refresh-lease.ts';
import {
  manifestSchema,
  pointerSchema,
  SNAPSHOT_FORMATS,
  type SnapshotManifest,
  type SnapshotPointer,
} from './snapshot-schema.ts';
import {
  checkManifest,
  idOrderCheck,
  parseJsonOrReject,
  parseOrReject,
  SnapshotRejectedError,
} from './stored-snapshot.ts';

/** A snapshot as the store gave it back, with the replica that fetched it. */
export interface StoredSnapshot {
  snapshot: CatalogSnapshot;
  refreshedBy: string;
}

/** The pointer as read: its text, which the publish script compares, and what it says if it parses. */
export interface PointerReading {
  raw: string | null;
  pointer: SnapshotPointer | null;
  /** Why a pointer that is there could not be used. */
  rejection: SnapshotRejectedError | null;
}

/**
 * `published`; `lease-lost` when the lease is no longer this grant's (expired, or Redis restarted); `superseded` when
 * the pointer already names a snapshot as new or newer, or changed since it was read.
 */
export type PublishOutcome = 'published' | 'lease-lost' | 'superseded';

/** Chunks and manifest of a snapshot still being written expire on their own if no publish follows. */
const PENDING_MS = 15 * 60_000;
/** A replaced snapshot stays long enough for a replica that is still loading it to finish. */
const SUPERSEDED_MS = 10 * 60_000;
/** The chunks of the current snapshot outlive its pointer, so a pointer never names a snapshot already gone. */
const CHUNKS_OUTLIVE_POINTER_MS = 60 * 60_000;
/** Chunks fetched at once while loading: enough to hide round trips, few enough to bound what is held compressed. */
const CHUNKS_IN_FLIGHT = 4;

/**
 * The atomic switch. Only while the lease is still this grant's, and only if the pointer is still what the publisher
 * read (so it never overwrites a snapshot it did not compare itself with): point to the new snapshot, let its keys
 * live for the retention, let the replaced one's expire soon, and announce the new pointer. This check is the
 * fencing: a holder that lost its lease (paused past its expiry, Redis restarted) publishes nothing. It needs no
 * counter, because the lease and the pointer live in the same Redis and the script checks one and sets the other
 * atomically.
 *
 * KEYS: lease, pointer, then the new snapshot's keys (ARGV[6] of them), then the replaced snapshot's keys.
 * ARGV: lease value, pointer JSON, pointer text read before (empty if none), pointer TTL, new keys' TTL, count of new
 * keys, replaced keys' TTL, channel.
 */
const PUBLISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'lease-lost' end
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[3] then return 'superseded' end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
local fresh = tonumber(ARGV[6])
for i = 3, 2 + fresh do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
for i = 3 + fresh, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[7]) end
redis.call('PUBLISH', ARGV[8], ARGV[2])
return 'published'`;

/**
 * Snapshots in Redis as chunks of rows under the snapshot's id, described by a manifest, made current by switching one
 * pointer key. A reader starts from the pointer, so it never sees a snapshot half written; every part is validated, and
 * a missing, corrupt or ill-formed part rejects the whole snapshot.
 */
export class ChunkedSnapshotStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: CatalogKeys,
    private readonly timed: <T>(command: Promise<T>) => Promise<T>,
  ) {}

  async readPointer(): Promise<PointerReading> {
    const raw = await this.timed(this.redis.get(this.keys.pointer));
    if (raw === null) return { raw, pointer: null, rejection: null };
    try {
      return { raw, pointer: parsePointer(raw, 'the current pointer'), rejection: null };
    } catch (error) {
      if (!(error instanceof SnapshotRejectedError)) throw error;
      return { raw, pointer: null, rejection: error };
    }
  }

  /**
   * The snapshot `pointer` names, rebuilt chunk by chunk; throws SnapshotRejectedError if any part is wrong. A few
   * chunks are always on their way (fetched, verified and inflated in the thread pool) while the one before is
   * validated and added to the table, then let go; the event loop gets a turn after each, so a server keeps answering
   * while it loads a large snapshot, and memory stays near the table's size plus a few chunks.
   */
  async load(pointer: SnapshotPointer): Promise<StoredSnapshot> {
    const manifest = await this.readManifest(pointer);
    const table = ModelTable.builder(manifest.rows, manifest.entries);
    const add = chunkReader(manifest, table, idOrderCheck(pointer.id));
    const coming: Promise<string>[] = [];
    const fetchAhead = (index: number) => {
      if (index >= manifest.chunks.length) return;
      const text = this.inflatedChunk(manifest, index);
      // Awaited in turn; a load that fails before reaching it must not leave its rejection unhandled.
      text.catch(() => undefined);
      coming.push(text);
    };
    for (let index = 0; index < CHUNKS_IN_FLIGHT; index++) fetchAhead(index);
    for (let index = 0; index < manifest.chunks.length; index++) {
      const text = await coming.shift()!;
      fetchAhead(index + CHUNKS_IN_FLIGHT);
      add(text, index);
      await nextTurn();
    }
    const snapshot = {
      id: manifest.id,
      fetchedAt: manifest.fetchedAt,
      report: manifest.report,
      models: table.finish(),
    };
    return { snapshot, refreshedBy: manifest.refreshedBy };
  }

  /** Chunk `index`'s text: fetched, checked against the manifest and inflated. */
  private async inflatedChunk(manifest: SnapshotManifest, index: number): Promise<string> {
    const where = chunkName(manifest, index);
    const payload = await this.timed(this.redis.getBuffer(this.keys.chunk(manifest.id, index)));
    return inflateChunk(verifyChunk(payload, manifest.chunks[index]!, where), where);
  }

  /**
   * Writes the snapshot's chunks as columns (format 2), one at a time so only one chunk's JSON exists at once, then
   * its manifest; returns the pointer that would publish it. Nothing points to it yet, and it expires unless
   * published.
   */
  async write(snapshot: CatalogSnapshot, refreshedBy: string): Promise<SnapshotPointer> {
    const { id, models } = snapshot;
    const chunks: SnapshotManifest['chunks'] = [];
    for (let start = 0; start < models.size; start += CHUNK_ROWS) {
      const { payload, entry } = await encodeChunk(models.slice(start, Math.min(start + CHUNK_ROWS, models.size)));
      await this.timed(this.redis.set(this.keys.chunk(id, chunks.length), payload, 'PX', PENDING_MS));
      chunks.push(entry);
    }
    const manifest: SnapshotManifest = {
      format: 2,
      id,
      fetchedAt: snapshot.fetchedAt,
      refreshedBy,
      rows: models.size,
      entries: models.entries(),
      chunks,
      report: snapshot.report,
    };
    await this.timed(this.redis.set(this.keys.manifest(id), JSON.stringify(manifest), 'PX', PENDING_MS));
    return { id, fetchedAt: snapshot.fetchedAt, refreshedBy, rows: models.size, chunks: chunks.length };
  }

  /** Makes a written snapshot current, if `grant` still holds the lease and nothing as new was published. */
  async publish(next: SnapshotPointer, grant: LeaseGrant, retentionMs: number): Promise<PublishOutcome> {
    const before = await this.readPointer();
    if (before.pointer && Date.parse(before.pointer.fetchedAt) >= Date.parse(next.fetchedAt)) return 'superseded';
    const fresh = this.snapshotKeys(next);
    const replaced = before.pointer ? this.snapshotKeys(before.pointer) : [];
    const outcome = await this.timed(
      this.redis.eval(
        PUBLISH,
        2 + fresh.length + replaced.length,
        this.keys.lease,
        this.keys.pointer,
        ...fresh,
        ...replaced,
        grant.value,
        JSON.stringify(next),
        before.raw ?? '',
        retentionMs,
        retentionMs + CHUNKS_OUTLIVE_POINTER_MS,
        fresh.length,
        SUPERSEDED_MS,
        this.keys.channel,
      ),
    );
    return outcome as PublishOutcome;
  }

  private snapshotKeys(pointer: SnapshotPointer): string[] {
    const chunks = Array.from({ length: pointer.chunks }, (_, index) => this.keys.chunk(pointer.id, index));
    return [this.keys.manifest(pointer.id), ...chunks];
  }

  private async readManifest(pointer: SnapshotPointer): Promise<SnapshotManifest> {
    const raw = await this.timed(this.redis.get(this.keys.manifest(pointer.id)));
    const what = `the manifest of snapshot ${pointer.id}`;
    if (raw === null) throw new SnapshotRejectedError(`${what} is missing`);
    const value = parseJsonOrReject(raw, what);
    checkFormat(value, pointer);
    const manifest = parseOrReject(manifestSchema, value, what);
    checkManifest(manifest, pointer);
    return manifest;
  }
}

const chunkName = (manifest: SnapshotManifest, index: number) => `chunk ${index} of snapshot ${manifest.id}`;

/** What adds a chunk's text to the table, as the manifest's format lays chunks out; each id checked for its order. */
function chunkReader(
  manifest: SnapshotManifest,
  table: TableBuilder,
  checkOrder: (id: string) => void,
): (text: string, index: number) => void {
  if (manifest.format === 2) {
    return (text, index) => {
      const slice = decodeColumnChunk(text, manifest.chunks[index]!, chunkName(manifest, index));
      for (const id of slice.ids) checkOrder(id);
      table.addSlice(slice);
    };
  }
  return (text, index) => {
    for (const row of decodeRowChunk(text, manifest.chunks[index]!, chunkName(manifest, index))) {
      checkOrder(row.id);
      table.add(row);
    }
  };
}

/**
 * Refuses a manifest in a format this replica cannot read (written by a newer hubcat), saying so before its shape is
 * judged: the replica keeps what it serves, or fetches from the upstream, rather than misread it.
 */
function checkFormat(manifest: unknown, pointer: SnapshotPointer): void {
  const format = (typeof manifest === 'object' && manifest !== null && 'format' in manifest && manifest.format) || 1;
  if (!(SNAPSHOT_FORMATS as readonly unknown[]).includes(format)) {
    const named = JSON.stringify(format).slice(0, 40);
    const readable = SNAPSHOT_FORMATS.join(' and ');
    throw new SnapshotRejectedError(
      `snapshot ${pointer.id} is stored in format ${named}, which this replica does not read (it reads ${readable})`,
    );
  }
}

/** A pointer's text, validated: read from the pointer key, or received as a publish message. */
export function parsePointer(raw: string, what: string): SnapshotPointer {
  return parseOrReject(pointerSchema, parseJsonOrReject(raw, what), what);
}
