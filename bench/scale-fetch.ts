/**
 * Child process of the scale benchmark: runs one fetch against `--endpoint` and prints one JSON line on stdout, so the
 * parent can read the fetcher's peak memory apart from the emulator's. With `--imports-only` it exits right after
 * loading the same modules, which is the baseline the fetch's memory is compared with.
 */
import { parseArgs } from 'node:util';
import { FETCH_STRATEGIES, type FetchPlan } from '../src/catalog/index.ts';
import { fetchFrom } from './support/fetch.ts';
import { timed } from './support/measure.ts';

export interface ScaleFetchOutcome {
  /** `process.resourceUsage().maxRSS` at exit, in KiB: the process's peak resident set. */
  maxRssKiB: number;
  /**
   * User + system CPU time of the whole child, in ms: with the emulator's, it shows which side bounds the wall time.
   */
  cpuMs: number;
  fetch: {
    wallMs: number;
    requestCount: number;
    uniqueModels: number;
    complete: boolean;
    proof: string;
    sortCaptures: number;
    parts: number;
    errors: string[];
  } | null;
}

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    strategy: { type: 'string', default: 'auto' },
    concurrency: { type: 'string', default: '4' },
    'imports-only': { type: 'boolean', default: false },
  },
});

let fetch: ScaleFetchOutcome['fetch'] = null;
if (!values['imports-only']) {
  if (!values.endpoint) throw new Error('scale-fetch: --endpoint is required unless --imports-only');
  const strategy = FETCH_STRATEGIES.find((known) => known === values.strategy);
  if (!strategy) throw new Error(`scale-fetch: --strategy must be one of ${FETCH_STRATEGIES.join(', ')}`);
  const plan: Partial<FetchPlan> = { strategy, concurrency: Number(values.concurrency) };
  const { ms: wallMs, result } = await timed(() => fetchFrom(values.endpoint!, plan));
  const { report } = result;
  fetch = {
    wallMs,
    requestCount: report.requestCount,
    uniqueModels: report.uniqueModels,
    complete: report.complete,
    proof: report.completeness.method,
    sortCaptures: report.sorts.length,
    parts: report.parts.length,
    errors: report.errors,
  };
}
const usage = process.resourceUsage();
const outcome: ScaleFetchOutcome = {
  maxRssKiB: usage.maxRSS,
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  fetch,
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
