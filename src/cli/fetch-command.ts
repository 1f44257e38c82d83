import { fetchPlanOf } from '../app/index.ts';
import { FetchFailedError, fetchCatalog } from '../catalog/index.ts';
import { configFlagsFrom, loadConfig } from '../config.ts';
import { HubClient } from '../hub/index.ts';
import { createFetchProgress } from './progress.ts';
import { renderReport } from './report-table.ts';

interface FetchFlags extends Record<string, unknown> {
  json?: boolean;
}

export async function runFetch(flags: FetchFlags): Promise<void> {
  const config = loadConfig(configFlagsFrom(flags));
  const client = new HubClient({ endpoint: config.endpoint, token: config.token, timeoutMs: config.timeoutMs });
  const progress = createFetchProgress();
  try {
    const snapshot = await fetchCatalog(fetchPlanOf(config), {
      client,
      onPage: progress.onPage,
      // The report keeps a short reason for API clients; whoever runs the fetch sees the whole error.
      onCaptureFailed: ({ capture, page, error }) =>
        process.stderr.write(`hubcat: ${capture} page ${page}: ${error.message}\n`),
    });
    progress.stop();
    process.stdout.write(
      flags.json ? `${JSON.stringify(snapshot.report, null, 2)}\n` : `${renderReport(snapshot.report)}\n`,
    );
  } catch (error) {
    progress.stop();
    if (!(error instanceof FetchFailedError)) throw error;
    process.stdout.write(flags.json ? `${JSON.stringify(error.report, null, 2)}\n` : `${renderReport(error.report)}\n`);
    process.stderr.write(`hubcat: ${error.message}\n`);
    process.exitCode = 1;
  }
}
