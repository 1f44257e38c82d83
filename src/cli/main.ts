import { Command, Option } from 'commander';
import { ConfigError } from '../config.ts';
import { runChanges } from './changes-command.ts';
import { runDemo } from './demo-command.ts';
import { runEmulate } from './emulate-command.ts';
import { runFetch } from './fetch-command.ts';
import { runServe } from './serve-command.ts';

const program = new Command('hubcat')
  .description('GraphQL catalog of the models a Hugging Face inference provider serves, with proven coverage')
  .showHelpAfterError();

const upstreamOptions = (command: Command) =>
  command
    .option('--upstream <url>', 'Hub base URL (env HF_ENDPOINT)')
    .option('--provider <name>', 'inference provider (env HUBCAT_PROVIDER)')
    .option('--strategy <name>', 'auto, multi-sort or partition (env HUBCAT_STRATEGY)')
    .option('--sorts <keys>', 'comma-separated sort keys (env HUBCAT_SORTS)')
    .option('--page-size <n>', 'items per request, 1..1000 (env HUBCAT_PAGE_SIZE)')
    .option('--concurrency <n>', 'requests in flight (env HUBCAT_CONCURRENCY)')
    .option('--max-requests <n>', 'request budget per fetch (env HUBCAT_MAX_REQUESTS)')
    .option('--timeout-ms <n>', 'timeout of one Hub request (env HUBCAT_TIMEOUT_MS)');

upstreamOptions(program.command('fetch').description('crawl the upstream once and print the fetch report'))
  .option('--json', 'print the report as JSON on stdout')
  .action(runFetch);

const serveOptions = (command: Command) =>
  upstreamOptions(command)
    .option('--port <n>', 'HTTP port (env PORT, default 4000)')
    .option('--host <address>', 'address to bind (default: every interface)')
    .option('--ttl <seconds>', 'snapshot freshness (env HUBCAT_TTL)')
    .option(
      '--refresh-interval <seconds>',
      'scheduled refresh, 0 for none (env HUBCAT_REFRESH_INTERVAL, default the TTL)',
    )
    .option('--change-retention <limits>', 'change history kept, e.g. 10000,30d (env HUBCAT_CHANGE_RETENTION)')
    .option('--cache-url <url>', 'redis:// URL of a shared cache (env HUBCAT_CACHE_URL)')
    .option('--quality-min-downloads <n>', 'quality bar (env HUBCAT_QUALITY_MIN_DOWNLOADS)')
    .option('--quality-min-likes <n>', 'quality bar (env HUBCAT_QUALITY_MIN_LIKES)');

serveOptions(program.command('serve').description('serve the GraphQL catalog API'))
  .option('--warm', 'fetch the catalog at start instead of on the first query')
  .action(runServe);

serveOptions(program.command('demo').description('serve the API over the bundled Hub emulator (offline demo)'))
  .addOption(new Option('--preset <name>', 'emulator dataset preset').default('gateway-2025-10'))
  .option('--capped', 'emulate an upstream without cursors (only the first page of each query)')
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
  .addOption(new Option('--preset <name>', 'dataset preset').default('gateway-2025-10'))
  .option('--capped', 'serve only the first page of every query, never a Link header')
  .option('--latency-ms <n>', 'added latency per request')
  .option('--token <token...>', 'accept only these bearer tokens (anonymous requests still pass)')
  .option('--evolve-every <seconds>', 'add, remove and update a few models every so many seconds (seeded)')
  .option('--drift', 'with --evolve-every, also move download and like counts')
  .action(runEmulate);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`hubcat: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
