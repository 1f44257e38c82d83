import { withDeadline } from '../deadline.ts';
import type { Logger } from '../store/index.ts';

/**
 * A step's deadline unless it sets its own: longer than a store call's (2 s) and a webhook's last attempt, so only a
 * step that hangs hits it.
 */
const STEP_DEADLINE_MS = 10_000;

interface ClosingStep {
  name: string;
  close: () => void | Promise<void>;
  /** Read when the step starts, so a step may take its deadline from how the app was asked to close. */
  deadlineMs: number | (() => number);
}

/**
 * How the app's parts stop: each part registers its close as it is built (as Fastify's `onClose` does), and `close`
 * runs them in reverse, so what was built last (the HTTP server) stops first and what every part uses (the Redis
 * connections) stops last. A step that fails or outlives its deadline is logged, and the next one runs anyway.
 */
export class Lifecycle {
  readonly #steps: ClosingStep[] = [];
  #closing: Promise<void> | null = null;

  constructor(private readonly logger: Logger) {}

  onClose(name: string, close: ClosingStep['close'], deadlineMs: ClosingStep['deadlineMs'] = STEP_DEADLINE_MS): void {
    if (this.#closing) throw new Error(`"${name}" registered after the app began to close`);
    this.#steps.push({ name, close, deadlineMs });
  }

  /** Runs every step once, last registered first; later calls return the same promise. */
  close(): Promise<void> {
    this.#closing ??= this.#run();
    return this.#closing;
  }

  async #run(): Promise<void> {
    for (const step of [...this.#steps].reverse()) await this.#runStep(step);
  }

  async #runStep({ name, close, deadlineMs: deadline }: ClosingStep): Promise<void> {
    const deadlineMs = typeof deadline === 'number' ? deadline : deadline();
    try {
      await withDeadline(Promise.resolve().then(close), deadlineMs, () => new StepOverdue());
    } catch (error) {
      if (error instanceof StepOverdue) {
        this.logger.warn({ step: name, deadlineMs }, 'shutdown: step overran its deadline');
        return;
      }
      this.logger.error(
        { step: name, error: error instanceof Error ? error.message : String(error) },
        'shutdown: step failed',
      );
    }
  }
}

/** A step still running at its deadline: shutdown goes on without it. */
class StepOverdue extends Error {}
