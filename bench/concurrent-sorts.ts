import { startEmulator, type RunningEmulator } from '../src/emulator/index.ts';
import { againstExpectation, count, ms, table, type BenchResult } from './support/format.ts';
import { fetchFrom, PAGE_SIZE, PROVIDER } from './support/fetch.ts';
import { spread, timed, type Spread } from './support/measure.ts';

const LATENCY_MS = 200;
const RUNS = 5;
const SORTS = ['likes', 'downloads'] as const;

interface Mode {
  label: string;
  concurrency: number;
  /** Round trips the design predicts: one sort page after another, or the sorts side by side. */
  roundTrips: number;
}

interface ModeResult extends Mode {
  wall: Spread;
  reportRequests: number;
  loggedRequests: number;
}

/**
 * The acceptance: crawling sorts side by side instead of one after another halves the wall time when the
 * upstream's latency dominates. Each sort's pages stay sequential (every page needs the previous page's cursor), so
 * the floor is one sort's page count in round trips.
 */
export async function benchConcurrentSorts(): Promise<BenchResult> {
  const emulator = await startEmulator({ preset: 'gateway-2025-10', latencyMs: LATENCY_MS, port: 0 });
  // The same listing without latency: what serving, parsing and merging cost, which no concurrency hides here
  // because the emulator and the fetcher share this process's one JavaScript thread.
  const instant = await startEmulator({ preset: 'gateway-2025-10', port: 0 });
  try {
    const served = emulator.servedIds(PROVIDER).length;
    const pagesPerSort = Math.ceil(served / PAGE_SIZE);
    const sequential: Mode = {
      label: 'sequential (concurrency 1)',
      concurrency: 1,
      roundTrips: SORTS.length * pagesPerSort,
    };
    const concurrent: Mode = { label: 'concurrent (concurrency 4)', concurrency: 4, roundTrips: pagesPerSort };

    // One unmeasured fetch first, so JIT warm-up and the first connections are not charged to the baseline.
    await fetchFrom(emulator.url, { sorts: SORTS });
    // Alternate the modes run by run, so a slow spell on the machine lands on both rather than on one.
    const walls = new Map<Mode, number[]>([
      [sequential, []],
      [concurrent, []],
    ]);
    const requests = new Map<Mode, { report: number; logged: number }>();
    for (let run = 0; run < RUNS; run++) {
      for (const mode of [sequential, concurrent]) {
        const { ms: wall, report, logged } = await measuredFetch(emulator, mode.concurrency);
        walls.get(mode)!.push(wall);
        requests.set(mode, { report, logged });
      }
    }
    const processing: number[] = [];
    for (let run = 0; run < RUNS; run++) processing.push((await measuredFetch(instant, 1)).ms);
    const processingMs = spread(processing).median;
    const results: ModeResult[] = [sequential, concurrent].map((mode) => ({
      ...mode,
      wall: spread(walls.get(mode)!),
      reportRequests: requests.get(mode)!.report,
      loggedRequests: requests.get(mode)!.logged,
    }));
    const [baseline, candidate] = results as [ModeResult, ModeResult];

    return {
      title: `1. Concurrent vs sequential sorts — gateway-2025-10, cursor mode, ${LATENCY_MS} ms latency, sorts ${SORTS.join('+')}, page ${count(PAGE_SIZE)}`,
      body: [
        `${count(served)} served models → ${pagesPerSort} pages per sort; ${RUNS} runs per mode after one warm-up, alternating.`,
        table(
          [
            'mode',
            'median wall',
            'min',
            'max',
            'round trips',
            'model: latency',
            'model: latency + processing',
            'requests (report)',
            'requests (emulator log)',
          ],
          results.map((result) => [
            result.label,
            ms(result.wall.median),
            ms(result.wall.min),
            ms(result.wall.max),
            count(result.roundTrips),
            ms(result.roundTrips * LATENCY_MS),
            ms(withProcessing(result, processingMs)),
            count(result.reportRequests),
            count(result.loggedRequests),
          ]),
        ),
        `processing cost, same fetch at 0 ms latency (concurrency 1, median of ${RUNS}): ${ms(processingMs)}`,
        `concurrent/sequential median wall = ${againstExpectation(candidate.wall.median / baseline.wall.median, candidate.roundTrips / baseline.roundTrips, 0.1)} — latency alone`,
        `concurrent/sequential median wall = ${againstExpectation(candidate.wall.median / baseline.wall.median, withProcessing(candidate, processingMs) / withProcessing(baseline, processingMs), 0.1)} — latency + measured processing`,
      ],
    };
  } finally {
    await Promise.all([emulator.close(), instant.close()]);
  }
}

/** Predicted wall time: the round trips' latency, plus processing that runs on one thread whatever the concurrency. */
const withProcessing = (mode: Mode, processingMs: number) => mode.roundTrips * LATENCY_MS + processingMs;

async function measuredFetch(
  emulator: RunningEmulator,
  concurrency: number,
): Promise<{ ms: number; report: number; logged: number }> {
  emulator.resetLog();
  const { ms: wall, result } = await timed(() => fetchFrom(emulator.url, { sorts: SORTS, concurrency }));
  const logged = emulator.requests.filter((request) => request.path === '/api/models').length;
  return { ms: wall, report: result.report.requestCount, logged };
}
