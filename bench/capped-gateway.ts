import type { FetchReport } from '../src/catalog/index.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { count, ms, yesNo, table, type BenchResult } from './support/format.ts';
import { fetchFrom, PAGE_SIZE, PROVIDER } from './support/fetch.ts';
import { spread, timed } from './support/measure.ts';

const RUNS = 3;

/**
 * The gateway's real situation: no cursor, so `auto` adds the other sorts and then a covering partition. What it
 * costs in requests is deterministic; the wall time is the fetcher's own overhead, as the emulator adds no latency.
 */
export async function benchCappedGateway(): Promise<BenchResult> {
  const emulator = await startEmulator({ preset: 'gateway-2025-10', capped: true, port: 0 });
  try {
    const served = emulator.servedIds(PROVIDER).length;
    const walls: number[] = [];
    const reports: FetchReport[] = [];
    let logged = 0;
    for (let run = 0; run < RUNS; run++) {
      emulator.resetLog();
      const { ms: wall, result } = await timed(() => fetchFrom(emulator.url, { strategy: 'auto' }));
      walls.push(wall);
      reports.push(result.report);
      logged = emulator.requests.filter((request) => request.path === '/api/models').length;
    }
    // Requests and results are deterministic for a seeded preset; the last run stands for all of them.
    const report = reports.at(-1)!;
    const wall = spread(walls);
    return {
      title: `2. Capped auto fetch — gateway-2025-10, capped, no latency, sorts likes+downloads, page ${count(PAGE_SIZE)}`,
      body: [
        table(
          [
            'served',
            'requests (report)',
            'requests (emulator log)',
            'sort captures',
            'partition parts',
            'unique',
            'complete',
            'proof',
            `median wall (${RUNS} runs)`,
            'min',
            'max',
          ],
          [
            [
              count(served),
              count(report.requestCount),
              count(logged),
              count(report.sorts.length),
              count(report.parts.length),
              count(report.uniqueModels),
              yesNo(report.complete),
              report.completeness.method,
              ms(wall.median),
              ms(wall.min),
              ms(wall.max),
            ],
          ],
        ),
        `unique = served: ${report.uniqueModels === served ? 'held' : 'DID NOT HOLD'}`,
      ],
    };
  } finally {
    await emulator.close();
  }
}
