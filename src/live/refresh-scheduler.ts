import type { CatalogCache } from '../store/index.ts';

/** How the scheduler waits; tests pass one they fire by hand. */
export interface Timer {
  set(callback: () => Promise<void>, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Node's timers, unref'd: a pending refresh never keeps a finished process alive. */
export const NODE_TIMER: Timer = {
  set: (callback, ms) => setTimeout(() => void callback(), ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Each interval is stretched or shrunk by up to this fraction, so replicas started together drift apart. */
export const REFRESH_JITTER = 0.1;
/** The shortest wait between two scheduled refreshes, whatever the served snapshot's age. */
const MIN_DELAY_MS = 1000;

export interface RefreshSchedulerOptions {
  catalog: CatalogCache;
  intervalMs: number;
  now?: () => number;
  random?: () => number;
  timer?: Timer;
  onScheduled?: (inMs: number) => void;
}

/**
 * The wait before the next scheduled refresh: the pause after failures while it lasts (the cache's backoff), else the
 * interval ±10 % counted from when the served snapshot was fetched, so a replica that adopted a snapshot fetched
 * elsewhere refreshes one interval after that fetch, not one after its own start.
 */
export function nextRefreshDelayMs(input: {
  intervalMs: number;
  random: number;
  ageMs: number | null;
  retryPauseMs: number;
}): number {
  if (input.retryPauseMs > 0) return input.retryPauseMs;
  const interval = input.intervalMs * (1 + REFRESH_JITTER * (2 * input.random - 1));
  return Math.max(MIN_DELAY_MS, interval - Math.max(0, input.ageMs ?? 0));
}

/**
 * Refreshes the catalog on a schedule, whether or not anyone queries. One refresh at a time: the next is scheduled
 * only when the last has finished, and the cache joins a refresh a query started. A failure only moves the next
 * attempt to the end of the cache's backoff pause.
 */
export class RefreshScheduler {
  private handle: unknown = null;
  private nextAtMs: number | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly timer: Timer;

  constructor(private readonly options: RefreshSchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.timer = options.timer ?? NODE_TIMER;
  }

  start(): this {
    this.scheduleNext();
    return this;
  }

  /** When the next scheduled refresh starts; null while one runs, or once stopped. */
  nextRefreshAt(): string | null {
    return this.nextAtMs === null ? null : new Date(this.nextAtMs).toISOString();
  }

  /** Cancels the next refresh and waits for one already running. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.nextAtMs = null;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
    await this.running;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const fetchedAt = this.options.catalog.status().fetchedAt;
    const inMs = nextRefreshDelayMs({
      intervalMs: this.options.intervalMs,
      random: (this.options.random ?? Math.random)(),
      ageMs: fetchedAt === null ? null : this.now() - Date.parse(fetchedAt),
      retryPauseMs: this.options.catalog.retryPauseMs(),
    });
    this.handle = this.timer.set(() => this.tick(), inMs);
    this.nextAtMs = this.now() + inMs;
    this.options.onScheduled?.(inMs);
  }

  private async tick(): Promise<void> {
    this.handle = null;
    this.nextAtMs = null;
    if (this.stopped) return;
    // An adopted snapshot younger than the shortest jittered interval means another replica refreshed this round.
    this.running = this.options.catalog.scheduledRefresh(this.options.intervalMs * (1 - REFRESH_JITTER));
    try {
      await this.running;
    } finally {
      // Whatever happened, the schedule goes on.
      this.running = null;
      this.scheduleNext();
    }
  }
}
