import type { Logger } from './logger.ts';
import { SnapshotRejectedError } from './stored-snapshot.ts';

/**
 * Whether the shared store answered its last call. Only a change is logged and reported, so an operator reads one line
 * when Redis goes away and one when it is back, not one per query in between.
 */
export class StoreHealth {
  #unavailableSince: number | null = null;

  constructor(
    private readonly label: string,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly onChange: (available: boolean, message: string) => void,
  ) {}

  get available(): boolean {
    return this.#unavailableSince === null;
  }

  /**
   * Resolves or rejects like `call`, noting whether the store answered: a value it holds that is rejected is still an
   * answer; a timeout or a connection error is not.
   */
  async track<T>(call: Promise<T>): Promise<T> {
    try {
      const result = await call;
      this.answered();
      return result;
    } catch (error) {
      if (error instanceof SnapshotRejectedError) this.answered();
      else this.failed(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  private failed(message: string): void {
    if (this.#unavailableSince !== null) return;
    this.#unavailableSince = this.now();
    this.logger.error(
      { error: message },
      `${this.label} is unavailable; serving the catalog from memory until it answers`,
    );
    this.onChange(false, message);
  }

  private answered(): void {
    if (this.#unavailableSince === null) return;
    const downSeconds = Math.round((this.now() - this.#unavailableSince) / 1000);
    this.#unavailableSince = null;
    this.logger.info({ downSeconds }, `${this.label} answers again`);
    this.onChange(true, `${this.label} answers again`);
  }
}
