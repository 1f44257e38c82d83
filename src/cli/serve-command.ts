import { createApp, listen, type RunningServer } from '../app/index.ts';
import { configFlagsFrom, describeConfig, loadConfig, type Config } from '../config.ts';
import type { CacheEvent } from '../store/index.ts';
import { logger } from './logger.ts';

export interface ServeFlags extends Record<string, unknown> {
  host?: string;
  warm?: boolean;
}

export interface ServeOptions {
  upstreamLabel?: string;
  /** Said when the upstream cannot be reached, e.g. how to run the offline demo instead. */
  unreachableHint?: string;
}

/** Starts hubcat's GraphQL server with the given configuration, and stops it cleanly on SIGINT/SIGTERM. */
export async function startServer(
  config: Config,
  flags: ServeFlags,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const app = createApp(config, {
    upstreamLabel: options.upstreamLabel,
    logger,
    onCacheEvent: (event) => logCacheEvent(event, options),
  });
  const server = await listen(app, config.port, flags.host);
  logger.info({ config: describeConfig(config), url: `${server.url}/graphql` }, 'hubcat serving');
  // Warming goes through the cache like a first query would, so a snapshot already in Redis is served, not refetched.
  if (flags.warm) void app.catalog.snapshot().catch(() => {});
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

export async function runServe(flags: ServeFlags): Promise<void> {
  const config = loadConfig(configFlagsFrom(flags));
  const server = await startServer(config, flags, {
    unreachableHint: 'to try hubcat offline, run `npm run demo` (serves the bundled Hub emulator)',
  });
  process.stdout.write(`hubcat: GraphQL at ${server.url}/graphql (upstream ${config.endpoint})\n`);
}

function logCacheEvent(event: CacheEvent, options: ServeOptions): void {
  if (event.type === 'fetch-failed') {
    logger.warn(
      { error: event.message, hint: options.unreachableHint },
      'catalog fetch failed; serving what the cache holds',
    );
  } else if (event.type === 'snapshot-kept') {
    logger.warn({ reason: event.reason }, 'kept the last good snapshot');
  } else if (['fetch-started', 'snapshot-replaced', 'snapshot-adopted', 'lease-acquired'].includes(event.type)) {
    logger.info(event, event.type);
  }
  // The cache logs the rest itself (store lost and back, rejected snapshots) through the logger it is given.
}
