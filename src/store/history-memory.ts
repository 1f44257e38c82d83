import type { ModelChangeDraft, RoutingFields } from '../catalog/index.ts';
import type { HistoryBackend, HistoryMeta, StoredSummary } from './history-backend.ts';

/** A history held in this process: gone with it, and seen by no other replica. */
export function memoryHistoryBackend(): HistoryBackend {
  /** Oldest first; `detectedAt` only grows, so appending keeps the order. */
  const summaries: StoredSummary[] = [];
  /** Each summary's retained changes; `offset` of them were dropped from the front. */
  const lists = new Map<string, { offset: number; changes: readonly ModelChangeDraft[] }>();
  let meta: HistoryMeta = { dropped: { ADDED: 0, REMOVED: 0, UPDATED: 0 }, horizon: null };
  let unconfirmed = new Map<string, RoutingFields>();
  const ms = (summary: StoredSummary) => Date.parse(summary.detectedAt);
  // Copies in and out, as a real store would: callers can neither change what is held nor see it change.
  const copied = <T>(value: T): Promise<T> => Promise.resolve(structuredClone(value));

  return {
    kind: 'memory',
    newest: (count) => copied(summaries.slice(-count).reverse()),
    from: (fromMs, count) => copied(summaries.filter((summary) => ms(summary) >= fromMs).slice(0, count)),
    atOrBefore: (atMs) => copied(summaries.findLast((summary) => ms(summary) <= atMs) ?? null),
    summaryCount: () => Promise.resolve(summaries.length),
    changes: (summary, start, count) => {
      const list = lists.get(summary.id) ?? { offset: 0, changes: [] };
      const from = Math.max(start, list.offset) - list.offset;
      return copied(list.changes.slice(from, Math.max(from, start + count - list.offset)));
    },
    meta: () => copied(meta),
    unconfirmed: () => Promise.resolve(new Map(unconfirmed)),
    append: (summary, changes, nextUnconfirmed) => {
      summaries.push(structuredClone(summary));
      lists.set(summary.id, { offset: 0, changes: structuredClone(changes) });
      unconfirmed = new Map(nextUnconfirmed);
      return Promise.resolve();
    },
    dropChanges: (summary, count, nextMeta) => {
      const held = summaries.find((candidate) => candidate.id === summary.id);
      if (held) held.dropped += count;
      const list = lists.get(summary.id);
      if (list) lists.set(summary.id, { offset: list.offset + count, changes: list.changes.slice(count) });
      meta = structuredClone(nextMeta);
      return Promise.resolve();
    },
    dropSummary: (summary) => {
      const index = summaries.findIndex((candidate) => candidate.id === summary.id);
      if (index >= 0) summaries.splice(index, 1);
      lists.delete(summary.id);
      return Promise.resolve();
    },
  };
}
