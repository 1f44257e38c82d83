import type { RateLimitInfo } from '../hub/index.ts';

/**
 * Keeps a fetch inside the Hub's fixed-window rate limit instead of running into 429s: when a response says fewer
 * requests remain than may be in flight at once, new requests wait for the window to reset (plus a second, as the
 * Hub's own client does).
 */
export class RateLimitGate {
  private openAt = 0;
  private pauseCount = 0;
  private waited = 0;

  constructor(
    private readonly headroom: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  observe(rateLimit: RateLimitInfo | null): void {
    if (rateLimit === null || rateLimit.remaining > this.headroom) return;
    const openAt = this.now() + (rateLimit.resetSeconds + 1) * 1000;
    if (openAt > this.openAt) {
      this.openAt = openAt;
      this.pauseCount++;
    }
  }

  async wait(): Promise<void> {
    const ms = this.openAt - this.now();
    if (ms <= 0) return;
    this.waited += ms;
    await this.sleep(ms);
  }

  get pauses(): number {
    return this.pauseCount;
  }

  /** Total time requests spent waiting; concurrent waits add up, so it can exceed the fetch's duration. */
  get waitedMs(): number {
    return this.waited;
  }
}
