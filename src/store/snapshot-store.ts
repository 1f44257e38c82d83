import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { CatalogSnapshot } from '../catalog/index.ts';

/** Where snapshots live between requests and across restarts: a keyv namespace, in memory or in Redis. */
export interface SnapshotStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CatalogSnapshot | undefined>;
  set(key: string, snapshot: CatalogSnapshot, retentionMs: number): Promise<void>;
  close(): Promise<void>;
}

const NAMESPACE = 'hubcat';

/** An in-memory store, or a Redis one when `cacheUrl` is set. */
export function createSnapshotStore(cacheUrl?: string): SnapshotStore {
  // keyv turns store errors into an 'error' event by default; throwOnErrors surfaces them on the calls instead.
  if (!cacheUrl) return keyvStore('memory', new Keyv<CatalogSnapshot>({ namespace: NAMESPACE, throwOnErrors: true }));
  // Without a connection timeout node-redis keeps reconnecting and every call waits forever on a dead server.
  const redis = new KeyvRedis(cacheUrl, {
    namespace: NAMESPACE,
    throwOnConnectError: true,
    throwOnErrors: true,
    connectionTimeout: 2000,
  });
  return keyvStore('redis', new Keyv<CatalogSnapshot>({ store: redis, useKeyPrefix: false, throwOnErrors: true }));
}

function keyvStore(kind: SnapshotStore['kind'], keyv: Keyv<CatalogSnapshot>): SnapshotStore {
  keyv.on('error', () => {});
  return {
    kind,
    get: (key) => keyv.get(key),
    set: async (key, snapshot, retentionMs) => {
      await keyv.set(key, snapshot, retentionMs);
    },
    close: () => keyv.disconnect(),
  };
}
