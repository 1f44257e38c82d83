/**
 * `npm run bench`: every figure below is measured in this run, and every ratio is against a baseline measured in the
 * same run. Expectations are printed next to the figures, never enforced, so a noisy machine cannot fail the script.
 * `npm run bench -- query` runs only the benchmarks whose name contains "query". The figures are also written to
 * .reports/bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchCappedGateway } from './capped-gateway.ts';
import { benchConcurrentSorts } from './concurrent-sorts.ts';
import { benchLivingCatalog } from './living-catalog.ts';
import { benchEmulatorStart } from './emulator-start.ts';
import { benchQueryPerformance } from './query-performance.ts';
import { benchScale } from './scale.ts';
import { benchSharedSnapshots } from './shared-snapshots.ts';
import { describeEnvironment } from './support/environment.ts';
import { render, type BenchResult } from './support/format.ts';
import { timed } from './support/measure.ts';

const BENCHMARKS: [name: string, run: () => Promise<BenchResult>][] = [
  ['concurrent vs sequential sorts', benchConcurrentSorts],
  ['capped gateway fetch', benchCappedGateway],
  ['scale-100k', benchScale],
  ['query path at 1,377, 100k and 1M models', benchQueryPerformance],
  ['living catalog diff', benchLivingCatalog],
  ['emulator start', benchEmulatorStart],
  ['shared snapshots in Redis', benchSharedSnapshots],
];

const only = process.argv[2];
const environment = describeEnvironment();
console.log(`hubcat benchmarks\n${environment}\n`);
let failures = 0;
const results: { name: string; seconds: number; result?: BenchResult; error?: string }[] = [];
const { ms: totalMs } = await timed(async () => {
  for (const [name, run] of BENCHMARKS) {
    if (only !== undefined && !name.includes(only)) continue;
    try {
      const { ms: benchMs, result } = await timed(run);
      console.log(render(result));
      console.log(`(${name}: ${(benchMs / 1000).toFixed(1)} s)\n`);
      results.push({ name, seconds: benchMs / 1000, result });
    } catch (error) {
      // One benchmark breaking should not hide the others' figures; the exit code still says something broke.
      failures++;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`== ${name} FAILED\n${message}\n`);
      results.push({ name, seconds: 0, error: message });
    }
  }
});
const load = loadavg()[0]?.toFixed(2);
console.log(
  `total ${(totalMs / 1000).toFixed(1)} s · load average (1 min) at end ${load}${failures > 0 ? ` · ${failures} benchmark(s) failed` : ''}`,
);
mkdirSync('.reports', { recursive: true });
writeFileSync(
  '.reports/bench.json',
  `${JSON.stringify({ environment, totalSeconds: totalMs / 1000, loadAverageAtEnd: Number(load), results }, null, 2)}\n`,
);
process.exitCode = failures > 0 ? 1 : 0;
