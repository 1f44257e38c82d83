import type { Logger } from 'pino';
import { collectDefaultMetrics } from 'prom-client';
import { createApp, listen, type RunningServer } from '../app/index.ts';
import { configFlagsFrom, describeConfig, loadConfig, type Config } from '../config.ts';
import type { RetryEvent } from '../hub/index.ts';
import type { CacheEvent } from '../store/index.ts';
import { createLogger } from './logger.ts';
import { stopOnSignals } from './shutdown.ts';
import { DEMO_HINT, retryLine } from './upstream-messages.ts';
import { logLiveEvent } from './live-log.ts';

export interface ServeFlags extends Record<string, unknown> {
  host?: string;
  /** Fetch on the first query instead of at start. */
  lazy?: boolean;
}

export interface ServeOptions {
  upstreamLabel?: string;
  /** Said when the upstream cannot be reached, e.g. how to run the offline demo instead. */
  unreachableHint?: string;
  /** Closed after the server when the process stops (the demo's emulator). */
  alsoClose?: () => Promise<void>;
  /** What stdout tells a person once the server listens: where everything is. Printed before any log line. */
  banner?: (server: RunningServer) => string;
}

/**
 * Starts hubcat's GraphQL server with the given configuration, fetches the catalog (unless `--lazy`), and stops in
 * order on SIGTERM/SIGINT.
 */
export async function startServer(
  config: Config,
  flags: ServeFlags,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const app = createApp(config, {
    logger,
    upstreamLabel: options.upstreamLabel,
    onCacheEvent: (event) => logCacheEvent(logger, event, options),
    onUpstreamRetry: upstreamRetryLog(logger, config, options),
    onLiveEvent: (event) => logLiveEvent(logger, event),
  });
  collectDefaultMetrics({ register: app.metrics });
  const server = await listenOrClose(app, config.port, flags.host);
  if (options.banner) process.stdout.write(options.banner(server));
  // The full configuration is a long line a person starting hubcat need not read first; debug has it.
  logger.debug({ config: describeConfig(config) }, 'configuration');
  logger.info({ url: `${server.url}/graphql` }, 'hubcat serving');
  // Warming goes through the cache like a first query would, so a snapshot already in Redis is served, not refetched.
  if (!flags.lazy) void app.catalog.snapshot().catch(() => {});
  stopOnSignals(
    async (graceMs) => {
      await server.close(graceMs);
      await options.alsoClose?.();
    },
    config.shutdownGraceSeconds * 1000,
    logger,
  );
  return server;
}

export async function runServe(flags: ServeFlags): Promise<void> {
  const config = loadConfig(configFlagsFrom(flags));
  await startServer(config, flags, {
    unreachableHint: DEMO_HINT,
    banner: (server) =>
      `hubcat: GraphQL at ${server.url}/graphql (upstream ${config.endpoint})\n` +
      `hubcat: readiness at ${server.url}/readiness, metrics at ${server.url}/metrics\n` +
      `hubcat: dashboard at ${server.url}/\n`,
  });
}

async function listenOrClose(app: ReturnType<typeof createApp>, port: number, host?: string) {
  try {
    return await listen(app, port, host);
  } catch (error) {
    await app.close().catch(() => {});
    throw error;
  }
}

function logCacheEvent(logger: Logger, event: CacheEvent, options: ServeOptions): void {
  if (event.type === 'fetch-failed') {
    logger.warn(
      { error: event.message, hint: options.unreachableHint },
      'catalog fetch failed; serving what the cache holds',
    );
  } else if (event.type === 'snapshot-kept') {
    logger.warn({ reason: event.reason }, 'kept the last good snapshot');
  } else if (
    ['fetch-started', 'snapshot-prepared', 'snapshot-replaced', 'snapshot-adopted', 'lease-acquired'].includes(
      event.type,
    )
  ) {
    logger.info(event, event.type);
  }
  // The cache logs the rest itself (store lost and back, rejected snapshots) through the logger it is given.
}

/** Each retry as a short line; the first time the Hub cannot be reached at all, also what to do about it. */
function upstreamRetryLog(logger: Logger, config: Config, options: ServeOptions): (event: RetryEvent) => void {
  let hinted = false;
  return (event) => {
    logger.warn({ attempt: event.attempt, waitMs: event.waitMs }, retryLine(event, config.maxRetries + 1));
    if (hinted || (event.reason !== 'network' && event.reason !== 'timeout')) return;
    hinted = true;
    logger.warn(
      `cannot reach the Hub at ${config.endpoint}; hubcat keeps serving and retrying` +
        (options.unreachableHint ? `; ${options.unreachableHint}` : ''),
    );
  };
}
