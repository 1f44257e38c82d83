import { Command, Option } from 'commander';
import { ConfigError } from '../config.ts';
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
    .option('--cache-url <url>', 'redis:// URL of a shared cache (env HUBCAT_CACHE_URL)')
    .option('--cache-mode <mode>', 'standalone or cluster (env HUBCAT_CACHE_MODE)')
    .option('--lease <seconds>', 'refresh lease length across replicas (env HUBCAT_LEASE_S)')
    .option('--replica-id <name>', 'this replica in catalog.refreshedBy and leaseHolder (env HUBCAT_REPLICA_ID)')
    .option('--cold-wait <seconds>', 'how long a query waits for the first snapshot (env HUBCAT_COLD_WAIT_S)')
    .option('--quality-min-downloads <n>', 'quality bar (env HUBCAT_QUALITY_MIN_DOWNLOADS)')
    .option('--quality-min-likes <n>', 'quality bar (env HUBCAT_QUALITY_MIN_LIKES)');

serveOptions(program.command('serve').description('serve the GraphQL catalog API'))
  .option('--warm', 'fetch the catalog at start instead of on the first query')
  .action(runServe);

serveOptions(program.command('demo').description('serve the API over the bundled Hub emulator (offline demo)'))
  .addOption(new Option('--preset <name>', 'emulator dataset preset').default('gateway-2025-10'))
  .option('--capped', 'emulate an upstream without cursors (only the first page of each query)')
  .action(runDemo);

program
  .command('emulate')
  .description('serve the offline Hub emulator (GET /api/models)')
  .addOption(new Option('--port <n>', 'port to listen on').default('7861'))
  .addOption(new Option('--host <host>', 'address to bind').default('127.0.0.1'))
  .addOption(new Option('--preset <name>', 'dataset preset').default('gateway-2025-10'))
  .option('--capped', 'serve only the first page of every query, never a Link header')
  .option('--latency-ms <n>', 'added latency per request')
  .option('--token <token...>', 'accept only these bearer tokens (anonymous requests still pass)')
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
