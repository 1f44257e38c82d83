import type { CatalogKeys } from './catalog-keys.ts';
import { ChunkedSnapshotStore } from './chunked-snapshot-store.ts';
import { withDeadline } from '../deadline.ts';
import { StoreTimeoutError } from './deadline.ts';
import { STORE_TIMEOUT_MS, type RedisClient } from './redis-client.ts';
import type { RedisConnections } from './redis-connection.ts';
import type { ChannelListener } from './redis-subscriptions.ts';
import { RefreshLease } from './refresh-lease.ts';

export interface SharedCatalogOptions {
  /** The replica's connections; the app opens and closes them. */
  redis: RedisConnections;
  keys: CatalogKeys;
  /** Shown as the lease holder and as `refreshedBy` of the snapshots this replica publishes. */
  replicaId: string;
  /** How long the refresh lease lasts without renewal. */
  leaseMs: number;
  /** How the log names this Redis, e.g. `Redis at redis://:***@host:6379`; its password already masked. */
  logLabel?: string;
}

export interface PublicationHandlers {
  /** A publish message arrived: the new pointer's text, to be validated by the receiver. */
  onMessage(raw: string): void;
  /** The subscription is back after a disconnection: messages may have been missed, so catch up. */
  onResubscribed(): void;
}

/**
 * One catalog in Redis, shared by every replica serving it: the chunked snapshots, the refresh lease and the publish
 * channel, over the replica's command and subscriber connections.
 */
export class SharedCatalog {
  /** How `catalog.lastError` names the store: without its address, which API clients have no need to see. */
  readonly label = 'snapshot store (redis)';
  readonly logLabel: string;
  readonly store: ChunkedSnapshotStore;
  readonly lease: RefreshLease;
  readonly replicaId: string;
  readonly #redis: RedisClient;
  readonly #connections: RedisConnections;
  readonly #keys: CatalogKeys;
  #listener: ChannelListener | null = null;
  readonly #expired: () => Error;

  constructor(options: SharedCatalogOptions) {
    this.#connections = options.redis;
    this.#redis = options.redis.commands;
    this.#keys = options.keys;
    this.replicaId = options.replicaId;
    this.logLabel = options.logLabel ?? 'Redis';
    // Every command gets its own deadline on top of ioredis' commandTimeout, which a cluster that is reconnecting
    // does not apply to the commands it queues.
    const expired = () => new StoreTimeoutError(`${this.label} did not answer within ${STORE_TIMEOUT_MS} ms`);
    const timed = <T>(command: Promise<T>) => withDeadline(command, STORE_TIMEOUT_MS, expired);
    this.#expired = expired;
    this.store = new ChunkedSnapshotStore(this.#redis, options.keys, timed);
    this.lease = new RefreshLease(this.#redis, options.keys.lease, options.leaseMs, options.replicaId, timed);
  }

  /**
   * Starts hearing publishes, so a replica adopts a new snapshot as soon as it is announced instead of polling; each
   * message is the new pointer's text. Resolves once subscribed, or after a store call's deadline if the subscription
   * cannot be made yet (until it is, replicas catch up on their stale checks).
   */
  async listen(handlers: PublicationHandlers): Promise<void> {
    this.#listener ??= this.#connections.subscriptions.listen(this.#keys.channel, handlers);
    await withDeadline(this.#listener.subscribed, STORE_TIMEOUT_MS, this.#expired).catch(() => {});
  }

  /** Resolves when Redis answers a PING within `deadlineMs`; rejects otherwise. */
  async ping(deadlineMs: number): Promise<void> {
    await withDeadline(this.#redis.ping(), deadlineMs, this.#expired);
  }

  /** Stops hearing publishes; the connections stay the app's to close. */
  close(): void {
    this.#listener?.close();
    this.#listener = null;
  }
}
