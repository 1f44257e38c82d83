/** What decides which catalog a fetch produces; page size and concurrency change only how fast. */
export interface SnapshotKeyParts {
  upstream: string;
  provider: string;
  strategy: string;
  sorts: readonly string[];
}

/** The store key of a fetch plan's snapshot; `v2` changes whenever the stored shape does. */
export function snapshotKey(parts: SnapshotKeyParts): string {
  return ['snapshot', 'v2', parts.upstream, parts.provider, parts.strategy, parts.sorts.join(',')].join('|');
}
