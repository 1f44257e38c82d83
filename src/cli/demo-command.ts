import { ConfigError, configFlagsFrom, loadConfig } from '../config.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index.ts';
import { startServer } from './serve-command.ts';

interface DemoFlags extends Record<string, unknown> {
  preset: string;
  capped?: boolean;
  host?: string;
  lazy?: boolean;
  evolveEvery: string;
  emulatorPort?: string;
}

/** The emulator's port in the README's samples, so that a newcomer's demo answers at the addresses it shows. */
const DEMO_EMULATOR_PORT = 7861;

/**
 * The demo is alive: its emulator adds, removes and updates a few models every minute, and hubcat refreshes every
 * 30 s (unless told otherwise), so the change feed and `catalogUpdated` show something within a minute or two.
 */
const DEMO_REFRESH_SECONDS = 30;

const SAMPLE_QUERY = `{
  models(filter: {pipelineTags: ["feature-extraction"], quality: true}, first: 5) {
    totalCount
    nodes { id downloads likes }
  }
  fetchReport { uniqueModels complete sorts { sort returned new duplicates } }
}`;

/** The offline demo: the bundled Hub emulator and hubcat's server pointed at it, in one process. */
export async function runDemo(flags: DemoFlags): Promise<void> {
  const evolveEvery = Number(flags.evolveEvery);
  if (!(evolveEvery >= 0))
    throw new ConfigError('--evolve-every', `must be a number of seconds (got "${flags.evolveEvery}")`);
  const { emulator, portNote } = await startDemoEmulator(flags, {
    preset: flags.preset,
    capped: flags.capped ?? false,
    evolveEvery: evolveEvery > 0 ? { seconds: evolveEvery } : undefined,
  });
  const flagged = configFlagsFrom(flags);
  const refreshSet = flagged.refreshIntervalSeconds !== undefined || process.env.HUBCAT_REFRESH_INTERVAL;
  const config = loadConfig({
    ...flagged,
    endpoint: emulator.url,
    ...(evolveEvery > 0 && !refreshSet ? { refreshIntervalSeconds: DEMO_REFRESH_SECONDS } : {}),
  });
  await startServer(config, flags, {
    upstreamLabel: `${emulator.label} at ${emulator.url}`,
    alsoClose: () => emulator.close(),
    banner: (server) =>
      [
        `hubcat demo — upstream: ${emulator.label} (${emulator.url}), not the real Hub`,
        ...portNote,
        `Dashboard: ${server.url}/`,
        `GraphQL (with GraphiQL): ${server.url}/graphql`,
        `readiness: ${server.url}/readiness · metrics: ${server.url}/metrics`,
        'try:',
        SAMPLE_QUERY,
        `or: curl -s ${server.url}/graphql -H 'content-type: application/json' ` +
          `-d '{"query":"{ catalog { size upstream } }"}'`,
        ...(evolveEvery > 0
          ? liveHint(server.url, evolveEvery, config.refreshIntervalSeconds ?? config.ttlSeconds)
          : []),
        '',
      ].join('\n'),
  }).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
}

/**
 * The emulator on the README's port unless told another; when that one is taken (another demo runs), on a free one,
 * and the banner says so.
 */
async function startDemoEmulator(
  flags: DemoFlags,
  options: EmulatorOptions,
): Promise<{ emulator: RunningEmulator; portNote: string[] }> {
  if (flags.emulatorPort !== undefined) {
    const port = Number(flags.emulatorPort);
    if (!(Number.isInteger(port) && port >= 0 && port <= 65535))
      throw new ConfigError('--emulator-port', `must be a port number (got "${flags.emulatorPort}")`);
    return { emulator: await startEmulator({ ...options, port }), portNote: [] };
  }
  try {
    return { emulator: await startEmulator({ ...options, port: DEMO_EMULATOR_PORT }), portNote: [] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const emulator = await startEmulator({ ...options, port: 0 });
    return {
      emulator,
      portNote: [
        `(port ${DEMO_EMULATOR_PORT}, which the README's samples show, is taken: the emulator is on ${emulator.port})`,
      ],
    };
  }
}

const LIVE_SUBSCRIPTION = 'subscription { catalogUpdated { snapshot { added removed updated } } }';

function liveHint(url: string, evolveEvery: number, refreshSeconds: number): string[] {
  return [
    `live: the emulator changes a few models every ${evolveEvery} s; hubcat refreshes every ${refreshSeconds} s`,
    `  npm run hubcat -- changes --server ${url}`,
    `  curl -N -H 'accept: text/event-stream' '${url}/graphql?query=${encodeURIComponent(LIVE_SUBSCRIPTION)}'`,
  ];
}
