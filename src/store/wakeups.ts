/** Callers waiting for something to happen, each for at most a while: `wakeAll` ends every wait at once. */
export class Wakeups {
  #waiting: (() => void)[] = [];

  /** Resolves at the next `wakeAll`, or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  wakeAll(): void {
    for (const wake of this.#waiting.splice(0)) wake();
  }
}
