import type { SnapshotStore } from '../store/index.ts';

export type StoreHealthEvent =
  | { type: 'store-unavailable'; kind: SnapshotStore['kind']; message: string }
  | { type: 'store-recovered'; kind: SnapshotStore['kind'] };

/**
 * The store, reporting when it stops answering and when it answers again: once per outage, not once per call, so a
 * Redis that is down for an hour writes two log lines rather than one per query. Calls still fail as before; the
 * cache decides what a failure means.
 */
export function watchStoreHealth(store: SnapshotStore, report: (event: StoreHealthEvent) => void): SnapshotStore {
  let down = false;
  const watched = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      if (down) report({ type: 'store-recovered', kind: store.kind });
      down = false;
      return result;
    } catch (error) {
      if (!down) report({ type: 'store-unavailable', kind: store.kind, message: messageOf(error) });
      down = true;
      throw error;
    }
  };
  return {
    ...store,
    get: (key) => watched(() => store.get(key)),
    set: (key, snapshot, retentionMs) => watched(() => store.set(key, snapshot, retentionMs)),
  };
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // node-redis wraps the socket error; its own message alone ("Connection timeout") hides the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message || error.name}${cause}`;
}
