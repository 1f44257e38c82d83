import type { Logger } from './logger.ts';

/**
 * Whether the shared store answered its last call. Only a change is logged, so an operator reads one line when Redis
 * goes away and one when it is back, not one per query in between.
 */
export class StoreHealth {
  #unavailableSince: number | null = null;

  constructor(
    private readonly label: string,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  get available(): boolean {
    return this.#unavailableSince === null;
  }

  /** Records a failed call; true when this is the failure that made the store unavailable. */
  failed(message: string): boolean {
    if (this.#unavailableSince !== null) return false;
    this.#unavailableSince = this.now();
    this.logger.warn({ error: message }, `${this.label} unavailable; serving from memory and fetching on its own`);
    return true;
  }

  /** Records a call that answered; true when the store was unavailable until now. */
  answered(): boolean {
    if (this.#unavailableSince === null) return false;
    const downSeconds = Math.round((this.now() - this.#unavailableSince) / 1000);
    this.#unavailableSince = null;
    this.logger.info({ downSeconds }, `${this.label} is back`);
    return true;
  }
}
