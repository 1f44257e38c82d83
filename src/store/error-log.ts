/**
 * The last thing that went wrong, and how often refreshing failed in a row. A refresh clears only what went wrong
 * before it began, so a problem it met on the way (a rejected stored snapshot, a store that went away) stays visible
 * after it succeeds.
 */
export class ErrorLog {
  #last: { message: string; at: number } | null = null;
  /** Errors recorded so far; a refresh notes it when it begins. */
  #count = 0;
  /** Refreshes in a row that failed or were kept out; each doubles the pause before the next attempt. */
  #failureStreak = 0;
  #lastFailureAt = 0;

  constructor(private readonly now: () => number) {}

  get count(): number {
    return this.#count;
  }

  get last(): { message: string; at: number } | null {
    return this.#last;
  }

  record(message: string): void {
    this.#count++;
    this.#last = { message, at: this.now() };
  }

  /** A refresh that failed or was kept out: recorded, and the next attempt waits longer. */
  recordFailure(message: string): void {
    this.#failureStreak++;
    this.#lastFailureAt = this.now();
    this.record(message);
  }

  /** A new snapshot is served: failures stop counting, and errors from before `countBefore` are cleared. */
  succeeded(countBefore: number): void {
    this.#failureStreak = 0;
    if (this.#count === countBefore) this.#last = null;
  }

  /**
   * How long the pause after failures still lasts (0 when an attempt may start now): a failing upstream is retried
   * after `firstPauseMs`, then twice that, and so on up to `maxPauseMs`.
   */
  pauseRemainingMs(firstPauseMs: number, maxPauseMs: number): number {
    if (this.#failureStreak === 0) return 0;
    const pause = Math.min(maxPauseMs, firstPauseMs * 2 ** (this.#failureStreak - 1));
    return Math.max(0, this.#lastFailureAt + pause - this.now());
  }
}
