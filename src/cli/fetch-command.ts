import { fetchPlanOf, routerClientOf } from '../app/index.ts';
import { FetchFailedError, fetchCatalog } from '../catalog/index.ts';
import { configFlagsFrom, loadConfig } from '../config.ts';
import { HubClient } from '../hub/index.ts';
import { CliFailure } from './cli-failure.ts';
import { createFetchProgress } from './progress.ts';
import { renderReport } from './report-table.ts';
import { describeFetchFailure } from './upstream-messages.ts';

interface FetchFlags extends Record<string, unknown> {
  json?: boolean;
}

export async function runFetch(flags: FetchFlags): Promise<void> {
  const config = loadConfig(configFlagsFrom(flags));
  const progress = createFetchProgress(config.maxRetries + 1);
  const client = new HubClient({
    endpoint: config.endpoint,
    token: config.token,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    onRetry: progress.onRetry,
  });
  const router: { failure: Error | null } = { failure: null };
  try {
    const snapshot = await fetchCatalog(fetchPlanOf(config), {
      client,
      router: routerClientOf(config),
      onPage: progress.onPage,
      onRouterFailed: (error) => {
        router.failure = error;
      },
    });
    progress.stop();
    // The whole error, URL included, is for the operator; the report carries only its summary.
    if (router.failure) process.stderr.write(`hubcat: router listing failed: ${router.failure.message}\n`);
    process.stdout.write(
      flags.json ? `${JSON.stringify(snapshot.report, null, 2)}\n` : `${renderReport(snapshot.report)}\n`,
    );
  } catch (error) {
    progress.stop();
    if (!(error instanceof FetchFailedError)) throw error;
    // A report of nothing but failures would bury the cause; the errors stay available at debug level.
    throw new CliFailure(describeFetchFailure(error, config.endpoint, config.token !== undefined), {
      details: error.report.errors,
    });
  }
}
