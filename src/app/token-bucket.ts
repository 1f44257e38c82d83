/** A bucket of `capacity` tokens, refilled continuously at `refillPerMs`; a request takes what it costs. */
export interface BucketPolicy {
  capacity: number;
  refillPerMs: number;
}

/** A bucket as stored: its tokens when last taken from, and when (ms). A missing bucket is a full one. */
export interface BucketState {
  tokens: number;
  at: number;
}

/** What one take did. */
export interface TakeResult {
  allowed: boolean;
  /** Tokens in the bucket after the take (as they stand, when refused: a refused take takes nothing). */
  tokens: number;
  /** Milliseconds until the bucket holds what the refused request costs; 0 when allowed. */
  retryAfterMs: number;
  /** Milliseconds until the bucket is full again. */
  fullInMs: number;
}

/**
 * Refills the bucket for the time since it was last taken from, then takes `cost` tokens if it holds them. A cost over
 * the capacity takes a full bucket, so that no request is refused for ever. The Redis script (`redis-buckets.ts`)
 * does the same arithmetic; a test holds the two to each other.
 */
export function takeTokens(policy: BucketPolicy, state: BucketState | undefined, now: number, cost: number) {
  const { capacity, refillPerMs } = policy;
  const price = Math.min(cost, capacity);
  const before = state === undefined ? capacity : refilled(policy, state, now);
  const allowed = before >= price;
  const tokens = allowed ? before - price : before;
  const result: TakeResult = {
    allowed,
    tokens,
    retryAfterMs: allowed ? 0 : Math.ceil((price - tokens) / refillPerMs),
    fullInMs: Math.ceil((capacity - tokens) / refillPerMs),
  };
  return { result, state: { tokens, at: now } satisfies BucketState };
}

function refilled(policy: BucketPolicy, state: BucketState, now: number): number {
  return Math.min(policy.capacity, state.tokens + Math.max(0, now - state.at) * policy.refillPerMs);
}

/** Buckets one process keeps when no more is said: at 100 bytes or so each, about 10 MB. */
const DEFAULT_MAX_BUCKETS = 100_000;
/** Longest-idle buckets looked at per take, to drop those refilled to full (the same as no bucket). */
const SWEEP_PER_TAKE = 2;

/**
 * Token buckets in this process's memory, one per client key. A bucket refilled to full is the same as none, so the
 * longest-idle ones are dropped a few at a take once full; past `maxBuckets` (a flood of distinct clients) the
 * longest-idle goes even when not full, which only ever gives that client more tokens, never fewer.
 */
export class MemoryBuckets {
  /** In order of last take, oldest first: every take moves its bucket to the end. */
  readonly #buckets = new Map<string, BucketState>();
  readonly #maxBuckets: number;
  readonly #now: () => number;

  constructor(
    readonly policy: BucketPolicy,
    options: { maxBuckets?: number; now?: () => number } = {},
  ) {
    this.#maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
    this.#now = options.now ?? (() => performance.now());
  }

  take(key: string, cost: number): TakeResult {
    const now = this.#now();
    const stored = this.#buckets.get(key);
    const { result, state } = takeTokens(this.policy, stored, now, cost);
    this.#buckets.delete(key);
    this.#buckets.set(key, state);
    this.#sweep(now);
    return result;
  }

  /** Buckets held now. */
  get size(): number {
    return this.#buckets.size;
  }

  #sweep(now: number): void {
    let looked = 0;
    for (const [key, state] of this.#buckets) {
      if (this.#buckets.size > this.#maxBuckets) {
        this.#buckets.delete(key);
        continue;
      }
      if (looked++ === SWEEP_PER_TAKE || refilled(this.policy, state, now) < this.policy.capacity) return;
      this.#buckets.delete(key);
    }
  }
}
