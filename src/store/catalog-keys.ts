import { createHash } from 'node:crypto';
import { DEFAULT_EXPANSIONS } from '../catalog/index.ts';

/** What decides which catalog a fetch produces; page size and concurrency change only how fast. */
export interface SnapshotKeyParts {
  upstream: string;
  provider: string;
  strategy: string;
  sorts: readonly string[];
  /** Expansions fill fields (parameters, a card's languages), so replicas that expand differently keep apart. */
  expand?: readonly string[];
}

/** Where one catalog lives in Redis: a pointer, the snapshots it may point to, the refresh lease and the channel. */
export interface CatalogKeys {
  /** The hash tag all the keys share, so Redis Cluster keeps them in one slot and one script may touch them all. */
  readonly tag: string;
  /** Every key of this catalog starts with it. */
  readonly prefix: string;
  /** The current snapshot's id, time and size: switching it is what publishes a snapshot. */
  readonly pointer: string;
  readonly lease: string;
  /** Where a publish is announced, with the new pointer as the message. */
  readonly channel: string;
  manifest(snapshotId: string): string;
  chunk(snapshotId: string, index: number): string;
}

/** Changes whenever what is stored under these keys changes shape, so an older hubcat's keys are never misread. */
const LAYOUT = 'v5';

/** The keys of the catalog a fetch plan produces; a digest keeps URLs and commas out of the hash tag. */
export function catalogKeys(parts: SnapshotKeyParts): CatalogKeys {
  const expand = [...(parts.expand ?? DEFAULT_EXPANSIONS)].sort().join(',');
  const plan = JSON.stringify([parts.upstream, parts.provider, parts.strategy, parts.sorts.join(','), expand]);
  const tag = createHash('sha256').update(plan).digest('hex').slice(0, 16);
  const prefix = `hubcat:${LAYOUT}:{${tag}}`;
  return {
    tag,
    prefix,
    pointer: `${prefix}:current`,
    lease: `${prefix}:lease`,
    channel: `${prefix}:published`,
    manifest: (snapshotId) => `${prefix}:snapshot:${snapshotId}:manifest`,
    chunk: (snapshotId, index) => `${prefix}:snapshot:${snapshotId}:chunk:${index}`,
  };
}
