/**
 * Counts Hub requests across every capture of one fetch. A request is reserved before it is sent and recorded when
 * it has been answered, so concurrent captures cannot overshoot together; a partition split reserves its whole family
 * before it starts, or does not start. Only retries of a request already sent can go past the limit.
 */
export class RequestBudget {
  private used = 0;
  private reserved = 0;

  constructor(readonly limit: number = Number.POSITIVE_INFINITY) {}

  get spent(): number {
    return this.used;
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
