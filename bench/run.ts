/**
 * `npm run bench`: every figure below is measured in this run, and every ratio is against a baseline measured in the
 * same run. Expectations are printed next to the figures, never enforced, so a noisy machine cannot fail the script.
 */
import { loadavg } from 'node:os';
import { benchCappedGateway } from './capped-gateway.ts';
import { benchConcurrentSorts } from './concurrent-sorts.ts';
import { benchQueryThroughput } from './query-throughput.ts';
import { benchScale } from './scale.ts';
import { benchSharedSnapshots } from './shared-snapshots.ts';
import { describeEnvironment } from './support/environment.ts';
import { render, type BenchResult } from './support/format.ts';
import { timed } from './support/measure.ts';

const BENCHMARKS: [name: string, run: () => Promise<BenchResult>][] = [
  ['concurrent vs sequential sorts', benchConcurrentSorts],
  ['capped gateway fetch', benchCappedGateway],
  ['scale-100k', benchScale],
  ['query engine throughput', benchQueryThroughput],
  ['shared snapshots in Redis', benchSharedSnapshots],
];

console.log(`hubcat benchmarks\n${describeEnvironment()}\n`);
let failures = 0;
const { ms: totalMs } = await timed(async () => {
  for (const [name, run] of BENCHMARKS) {
    try {
      const { ms: benchMs, result } = await timed(run);
      console.log(render(result));
      console.log(`(${name}: ${(benchMs / 1000).toFixed(1)} s)\n`);
    } catch (error) {
      // One benchmark breaking should not hide the others' figures; the exit code still says something broke.
      failures++;
      console.log(`== ${name} FAILED\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
});
console.log(
  `total ${(totalMs / 1000).toFixed(1)} s · load average (1 min) at end ${loadavg()[0]?.toFixed(2)}${failures > 0 ? ` · ${failures} benchmark(s) failed` : ''}`,
);
process.exitCode = failures > 0 ? 1 : 0;
