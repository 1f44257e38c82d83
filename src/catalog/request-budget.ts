/**
 * Counts Hub requests across every capture of one fetch. Captures stop before a page once the budget is spent, and a
 * partition split is launched only when the requests it needs are still available.
 */
export class RequestBudget {
  private used = 0;
  private reserved = 0;

  constructor(readonly limit: number = Number.POSITIVE_INFINITY) {}

  get spent(): number {
    return this.used;
  }

  get exhausted(): boolean {
    return this.used >= this.limit;
  }

  record(requests: number): void {
    this.used += requests;
  }

  /** Sets aside `requests` for work about to start; false (and nothing set aside) when they are not available. */
  reserve(requests: number): boolean {
    if (this.used + this.reserved + requests > this.limit) return false;
    this.reserved += requests;
    return true;
  }

  /** Returns a reservation once the work it was for has recorded its real requests. */
  release(requests: number): void {
    this.reserved = Math.max(0, this.reserved - requests);
  }
}
