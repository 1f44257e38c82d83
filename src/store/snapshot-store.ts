import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { CatalogSnapshot } from '../catalog/index.ts';
import { parseStoredSnapshot } from './stored-snapshot.ts';

/** Where snapshots live between requests and across restarts: a keyv namespace, in memory or in Redis. */
export interface SnapshotStore {
  readonly kind: 'memory' | 'redis';
  /** The stored snapshot, validated; throws SnapshotRejectedError when the value is not one. */
  get(key: string): Promise<CatalogSnapshot | undefined>;
  set(key: string, snapshot: CatalogSnapshot, retentionMs: number): Promise<void>;
  close(): Promise<void>;
}

const NAMESPACE = 'hubcat';

/** An in-memory store, or a Redis one when `cacheUrl` is set. */
export function createSnapshotStore(cacheUrl?: string): SnapshotStore {
  // keyv turns store errors into an 'error' event by default; throwOnErrors surfaces them on the calls instead.
  if (!cacheUrl) return keyvStore('memory', new Keyv<unknown>({ namespace: NAMESPACE, throwOnErrors: true }));
  // Without a connection timeout node-redis keeps reconnecting and every call waits forever on a dead server.
  const redis = new KeyvRedis(cacheUrl, {
    namespace: NAMESPACE,
    throwOnConnectError: true,
    throwOnErrors: true,
    connectionTimeout: 2000,
  });
  return keyvStore('redis', new Keyv<unknown>({ store: redis, useKeyPrefix: false, throwOnErrors: true }));
}

function keyvStore(kind: SnapshotStore['kind'], keyv: Keyv<unknown>): SnapshotStore {
  keyv.on('error', () => {});
  return {
    kind,
    get: async (key) => {
      const stored = await keyv.get(key);
      return stored === undefined ? undefined : parseStoredSnapshot(stored);
    },
    set: async (key, snapshot, retentionMs) => {
      await keyv.set(key, { ...snapshot, models: snapshot.models.toJSON() }, retentionMs);
    },
    close: () => keyv.disconnect(),
  };
}
