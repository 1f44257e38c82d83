import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { ModelTable, type CatalogSnapshot, type Model } from '../catalog/index.ts';

/** Where snapshots live between requests and across restarts: a keyv namespace, in memory or in Redis. */
export interface SnapshotStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CatalogSnapshot | undefined>;
  set(key: string, snapshot: CatalogSnapshot, retentionMs: number): Promise<void>;
  close(): Promise<void>;
}

const NAMESPACE = 'hubcat';

/** A snapshot as keyv keeps it: plain JSON, its models as rows. */
type StoredSnapshot = Omit<CatalogSnapshot, 'models'> & { models: Model[] };

/** An in-memory store, or a Redis one when `cacheUrl` is set. */
export function createSnapshotStore(cacheUrl?: string): SnapshotStore {
  // keyv turns store errors into an 'error' event by default; throwOnErrors surfaces them on the calls instead.
  if (!cacheUrl) return keyvStore('memory', new Keyv<StoredSnapshot>({ namespace: NAMESPACE, throwOnErrors: true }));
  // Without a connection timeout node-redis keeps reconnecting and every call waits forever on a dead server.
  const redis = new KeyvRedis(cacheUrl, {
    namespace: NAMESPACE,
    throwOnConnectError: true,
    throwOnErrors: true,
    connectionTimeout: 2000,
  });
  return keyvStore('redis', new Keyv<StoredSnapshot>({ store: redis, useKeyPrefix: false, throwOnErrors: true }));
}

function keyvStore(kind: SnapshotStore['kind'], keyv: Keyv<StoredSnapshot>): SnapshotStore {
  keyv.on('error', () => {});
  return {
    kind,
    get: async (key) => {
      const stored = await keyv.get(key);
      return stored && { ...stored, models: ModelTable.from(stored.models) };
    },
    set: async (key, snapshot, retentionMs) => {
      await keyv.set(key, { ...snapshot, models: snapshot.models.toJSON() }, retentionMs);
    },
    close: () => keyv.disconnect(),
  };
}
