import { configFlagsFrom, loadConfig } from '../config.ts';
import { startEmulator } from '../emulator/index.ts';
import { startServer } from './serve-command.ts';

interface DemoFlags extends Record<string, unknown> {
  preset: string;
  capped?: boolean;
  host?: string;
  lazy?: boolean;
}

const SAMPLE_QUERY = `{
  models(filter: {pipelineTags: ["feature-extraction"], quality: true}, first: 5) {
    totalCount
    nodes { id downloads likes }
  }
  fetchReport { uniqueModels complete sorts { sort returned new duplicates } }
}`;

/** The offline demo: the bundled Hub emulator and hubcat's server pointed at it, in one process. */
export async function runDemo(flags: DemoFlags): Promise<void> {
  const emulator = await startEmulator({ preset: flags.preset, capped: flags.capped ?? false });
  const config = loadConfig({ ...configFlagsFrom(flags), endpoint: emulator.url });
  const server = await startServer(config, flags, {
    upstreamLabel: `${emulator.label} at ${emulator.url}`,
    alsoClose: () => emulator.close(),
  }).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
  process.stdout.write(
    [
      `hubcat demo — upstream: ${emulator.label} (${emulator.url}), not the real Hub`,
      `GraphQL (with GraphiQL): ${server.url}/graphql`,
      `readiness: ${server.url}/readiness · metrics: ${server.url}/metrics`,
      'try:',
      SAMPLE_QUERY,
      `or: curl -s ${server.url}/graphql -H 'content-type: application/json' ` +
        `-d '{"query":"{ catalog { size upstream } }"}'`,
      '',
    ].join('\n'),
  );
}
