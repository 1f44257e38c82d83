import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-client.ts';

/**
 * A lease held in Redis: the one replica holding it crawls the Hub, the others wait for its snapshot. Hand-written
 * rather than redlock: one Redis (or one Cluster slot) is the only authority here, so Redlock's quorum over independent
 * masters buys nothing, its v5 has been a beta since 2022, and what fences a holder that lost its lease is the check
 * inside the publish script (`PUBLISH` in chunked-snapshot-store.ts), which a lock library does not give.
 */

/** A lease this replica holds: the value it stored, unique to this acquisition. */
export interface LeaseGrant {
  readonly value: string;
  readonly holder: string;
}

export type LeaseAttempt =
  { acquired: true; grant: LeaseGrant } | { acquired: false; holder: string | null; expiresInMs: number };

// Set only if absent; otherwise report who holds it and for how long. A lease key without an expiry was not set by
// hubcat (which always sets one); it is given one, so it cannot block refreshing forever.
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, ARGV[1], tonumber(ARGV[2])} end
if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {0, redis.call('GET', KEYS[1]) or '', redis.call('PTTL', KEYS[1])}`;

// Extend or delete only the lease this holder acquired, never one that expired and was taken by another replica.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The lease value is `<holder> <nonce>`: who holds it, readable by the others, and what makes this hold unique. */
const holderOf = (value: string): string | null => (value === '' ? null : value.slice(0, value.lastIndexOf(' ')));

export class RefreshLease {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly leaseMs: number,
    private readonly replicaId: string,
    private readonly timed: <T>(command: Promise<T>) => Promise<T>,
  ) {}

  async tryAcquire(): Promise<LeaseAttempt> {
    const value = `${this.replicaId} ${randomUUID()}`;
    const [acquired, held, ttl] = (await this.timed(this.redis.eval(ACQUIRE, 1, this.key, value, this.leaseMs))) as [
      number,
      string,
      number,
    ];
    if (acquired === 1) return { acquired: true, grant: { value, holder: this.replicaId } };
    return { acquired: false, holder: holderOf(held), expiresInMs: Math.max(ttl, 0) };
  }

  /** True while the lease is still this grant's. */
  async renew(grant: LeaseGrant): Promise<boolean> {
    return (await this.timed(this.redis.eval(RENEW, 1, this.key, grant.value, this.leaseMs))) === 1;
  }

  async release(grant: LeaseGrant): Promise<void> {
    await this.timed(this.redis.eval(RELEASE, 1, this.key, grant.value));
  }

  /** The replica holding the lease now, or null when no refresh runs. */
  async holder(): Promise<string | null> {
    return holderOf((await this.timed(this.redis.get(this.key))) ?? '');
  }

  /**
   * Runs `work` while renewing the lease every third of its length. If a renewal finds the lease gone (expired during a
   * pause, or Redis restarted), `onLost` is told once; the work still finishes, and the publish script refuses it.
   */
  async hold<T>(grant: LeaseGrant, work: () => Promise<T>, onLost: () => void): Promise<T> {
    let lost = false;
    const renewal = setInterval(() => {
      this.renew(grant).then(
        (held) => {
          if (held || lost) return;
          lost = true;
          onLost();
        },
        // A renewal that fails to reach Redis changes nothing: the publish will fail the same way, or find the lease.
        () => {},
      );
    }, this.leaseMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(renewal);
    }
  }
}
