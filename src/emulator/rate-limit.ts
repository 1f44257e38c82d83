/** What a response says about the caller's quota. */
export interface QuotaState {
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
  /** More requests than the limit arrived in this window. */
  exceeded: boolean;
}

/**
 * The Hub's "api" bucket: one fixed window shared by every caller. `enforced` false counts nothing, so the headers
 * announce a full quota and clients that pause on a low `r` never stall.
 */
export class FixedWindow {
  private readonly startedAt = Date.now();
  private window = -1;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    private readonly enforced: boolean,
  ) {}

  /** Takes one request from the window (if `counted` and enforced) and says what is left. */
  take(counted: boolean): QuotaState {
    const windowMs = this.windowSeconds * 1000;
    const now = Date.now();
    const current = Math.floor((now - this.startedAt) / windowMs);
    if (current !== this.window) {
      this.window = current;
      this.count = 0;
    }
    if (counted && this.enforced) this.count++;
    const reset = Math.max(1, Math.ceil((this.startedAt + (current + 1) * windowMs - now) / 1000));
    return { remaining: Math.max(0, this.limit - this.count), reset, exceeded: this.count > this.limit };
  }

  headers(state: QuotaState): Record<string, string> {
    return {
      RateLimit: `"api";r=${state.remaining};t=${state.reset}`,
      'RateLimit-Policy': `"fixed window";"api";q=${this.limit};w=${this.windowSeconds}`,
    };
  }
}
