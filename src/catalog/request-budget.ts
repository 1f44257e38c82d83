/** Counts Hub requests across every capture of one fetch, and stops new pages once the budget is spent. */
export class RequestBudget {
  private used = 0;

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
}
