import { unknownVariableWarnings } from './unknown-variables.ts';
import { Command, Option } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { PRESETS } from '../emulator/index.ts';
import { runChanges } from './changes-command.ts';
import { runDemo } from './demo-command.ts';
import { runEmulate } from './emulate-command.ts';
import { explainError } from './explain-error.ts';
import { runFetch } from './fetch-command.ts';
import { runServe } from './serve-command.ts';
import { ALL_SETTINGS, FETCH_SETTINGS, withSettings } from './setting-options.ts';

let activeCommand: Command | null = null;

const program = new Command('hubcat')
  .description('GraphQL catalog of the models a Hugging Face inference provider serves, with proven coverage')
  .version(`hubcat ${packageJson.version}`, '-V, --version', 'print the version')
  // Usage errors end in exit code 2 (handled below), with one line of advice rather than the whole help.
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`hubcat: ${text.replace(/^error: /, '')}`) })
  .showHelpAfterError('(add --help for usage)')
  .hook('preAction', (_program, command) => {
    activeCommand = command;
    for (const line of unknownVariableWarnings(process.env)) process.stderr.write(`hubcat: ${line}\n`);
  });

withSettings(program.command('fetch').description('crawl the upstream once and print the fetch report'), FETCH_SETTINGS)
  .option('--json', 'print the report as JSON on stdout')
  .action(runFetch);

withSettings(program.command('serve').description('serve the GraphQL catalog API'), ALL_SETTINGS)
  .option('--host <address>', 'address to bind (default: every interface)')
  .option('--lazy', 'fetch the catalog on the first query instead of at start (readiness waits for it)')
  // Fetching at start used to need --warm; it is the default now, and the flag stays accepted.
  .addOption(new Option('--warm').hideHelp())
  .action(runServe);

withSettings(
  program.command('demo').description('serve the API over the bundled Hub emulator (offline demo)'),
  ALL_SETTINGS.filter((key) => key !== 'endpoint'),
)
  .option('--host <address>', 'address to bind (default: every interface)')
  .option('--lazy', 'fetch the catalog on the first query instead of at start')
  .addOption(new Option('--preset <name>', 'emulator dataset').choices(Object.keys(PRESETS)).default('gateway-2025-10'))
  .option('--capped', 'emulate an upstream without cursors (only the first page of each query)')
  .option('--emulator-port <port>', "the emulator's port (default 7861, as the README shows; a free one if taken)")
  .addOption(new Option('--evolve-every <seconds>', 'change a few emulated models this often; 0 never').default('60'))
  .action(runDemo);

program
  .command('changes')
  .description('print the change feed of a running hubcat server, oldest first')
  .option('--server <url>', 'the hubcat server (env HUBCAT_SERVER, default http://localhost:4000)')
  .option('--since <iso>', 'only changes detected after this instant, e.g. 2026-03-01T00:00:00Z')
  .option('--kinds <list>', 'only these kinds: ADDED, REMOVED, UPDATED (comma-separated)')
  .option('--json', 'print the changes as JSON on stdout')
  .action(runChanges);

program
  .command('emulate')
  .description('serve the offline Hub emulator (GET /api/models)')
  .addOption(new Option('--port <n>', 'port to listen on').default('7861'))
  .addOption(new Option('--host <host>', 'address to bind').default('127.0.0.1'))
  .addOption(new Option('--preset <name>', 'dataset').choices(Object.keys(PRESETS)).default('gateway-2025-10'))
  .option('--capped', 'serve only the first page of every query, never a Link header')
  .option('--latency-ms <n>', 'added latency per request')
  .option('--token <token...>', 'accept only these bearer tokens (anonymous requests still pass)')
  .option('--evolve-every <seconds>', 'add, remove and update a few models every so many seconds (seeded)')
  .option('--drift', 'with --evolve-every, also move download and like counts')
  .action(runEmulate);

/** Prints what went wrong in a line or two (the stack too at debug level) and exits with its code. */
function fail(error: unknown): never {
  const options: Record<string, unknown> = activeCommand?.opts() ?? {};
  const level = typeof options.logLevel === 'string' ? options.logLevel : process.env.HUBCAT_LOG_LEVEL;
  const { lines, exitCode } = explainError(
    error,
    level === 'debug' || level === 'trace',
    activeCommand?.name() ?? null,
  );
  for (const line of lines) process.stderr.write(`hubcat: ${line}\n`);
  process.exit(exitCode);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
await program.parseAsync().catch(fail);
