import type { Logger } from 'pino';

/** How often a process started by npm checks that npm is still there. */
const PARENT_CHECK_MS = 500;

/**
 * Stops the process in order on SIGTERM or SIGINT: `stop(graceMs)` stops accepting and gives in-flight requests up to
 * `graceMs`; the process exits 0 when it returns, or when the grace period is over, whichever comes first. A second
 * signal exits at once.
 *
 * Under `npm start` / `npm run demo` npm runs hubcat through `sh -c`, and npm forwards SIGTERM to that shell only: the
 * shell dies and hubcat would be left running, orphaned. So when npm started the process, the parent going away is
 * treated as SIGTERM too.
 */
export function stopOnSignals(stop: (graceMs: number) => Promise<void>, graceMs: number, logger: Logger): void {
  let stopping = false;
  const shutdown = (cause: string) => {
    if (stopping) {
      logger.warn({ cause }, `${cause} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(
      { cause, graceSeconds: graceMs / 1000 },
      `${cause}: shutting down, in-flight requests have ${graceMs / 1000} s to finish`,
    );
    setTimeout(() => {
      logger.warn('grace period over: exiting with requests unfinished');
      process.exit(0);
    }, graceMs).unref();
    stop(graceMs).then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (process.env.npm_lifecycle_event !== undefined) {
    watchParent(() => {
      // Ctrl-C reaches npm and hubcat alike; npm then goes away while hubcat is stopping, which is no second signal.
      if (!stopping) shutdown('npm stopped');
    });
  }
}

function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, PARENT_CHECK_MS);
  timer.unref();
}
