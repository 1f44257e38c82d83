import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../src/emulator/index.ts';
import { againstExpectation, count, mib, ms, ratio, table, yesNo, type BenchResult } from './support/format.ts';
import { runJsonChild } from './support/child-process.ts';
import { PAGE_SIZE, PROVIDER } from './support/fetch.ts';
import { timed } from './support/measure.ts';
import type { ScaleFetchOutcome } from './scale-fetch.ts';

const PRESET = 'scale-100k';
const SORTS = 2; // benchPlan's likes + downloads
const CHILD_SCRIPT = fileURLToPath(new URL('./scale-fetch.ts', import.meta.url));
// Far above the ~1–2 minutes a capped crawl of 100k takes here; only there so a hang ends as a reported failure.
const CHILD_TIMEOUT_MS = 10 * 60_000;

interface Row {
  label: string;
  outcome: ScaleFetchOutcome;
  loggedRequests: number | null;
  /** CPU this process spent meanwhile, in ms: the emulator serving the child's requests. */
  emulatorCpuMs: number | null;
}

/**
 * The fetcher at 100,000 served models. The emulator runs in this process and the fetch in a child, so the child's
 * peak RSS is the fetcher's alone; a child that only loads the same modules is the memory baseline, and the same
 * fetch over a cursor is the baseline for time and requests.
 */
export async function benchScale(): Promise<BenchResult> {
  const { ms: generationMs, result: capped } = await timed(() =>
    startEmulator({ preset: PRESET, capped: true, port: 0 }),
  );
  const emulatorRssKiB = process.memoryUsage().rss / 1024;
  // Same process, so the dataset generated above is reused rather than generated again.
  const cursor = await startEmulator({ preset: PRESET, port: 0 });
  try {
    const served = capped.servedIds(PROVIDER).length;
    const importsOnly: Row = {
      label: 'imports only (RSS baseline)',
      outcome: await runChild(['--imports-only']),
      loggedRequests: null,
      emulatorCpuMs: null,
    };
    const cursorRow = await fetchRow('auto, cursor mode (time/request baseline)', cursor);
    const cappedRow = await fetchRow('auto, capped mode', capped);
    const rows = [importsOnly, cursorRow, cappedRow];
    const lowerBound = served / PAGE_SIZE; // no request returns more than one page
    const cursorFetch = cursorRow.outcome.fetch!;
    const cappedFetch = cappedRow.outcome.fetch!;

    return {
      title: `3. Scale — ${PRESET}, auto strategy, sorts likes+downloads, page ${count(PAGE_SIZE)}, fetch in a child process`,
      body: [
        `${count(served)} served models; emulator (this process) generated the dataset in ${ms(generationMs)}, RSS ${mib(emulatorRssKiB)} afterwards.`,
        table(
          [
            'run',
            'requests (report)',
            'requests (emulator log)',
            'requests ÷ (served ÷ 1000)',
            'parts',
            'unique',
            'complete',
            'proof',
            'fetch wall',
            'fetcher CPU',
            'emulator CPU',
            'child peak RSS',
            'RSS ÷ imports-only',
          ],
          rows.map(({ label, outcome, loggedRequests, emulatorCpuMs }) => {
            const fetch = outcome.fetch;
            const rss = [mib(outcome.maxRssKiB), ratio(outcome.maxRssKiB / importsOnly.outcome.maxRssKiB)];
            const cpu = [ms(outcome.cpuMs), emulatorCpuMs === null ? '–' : ms(emulatorCpuMs)];
            if (!fetch) return [label, '–', '–', '–', '–', '–', '–', '–', '–', ...cpu, ...rss];
            return [
              label,
              count(fetch.requestCount),
              loggedRequests === null ? '–' : count(loggedRequests),
              ratio(fetch.requestCount / lowerBound),
              count(fetch.parts),
              count(fetch.uniqueModels),
              yesNo(fetch.complete),
              fetch.proof,
              ms(fetch.wallMs),
              ...cpu,
              ...rss,
            ];
          }),
        ),
        `cursor requests ÷ (sorts × served ÷ 1000) = ${againstExpectation(cursorFetch.requestCount / (SORTS * Math.ceil(lowerBound)), 1, 0)}`,
        `capped unique = served: ${cappedFetch.uniqueModels === served ? 'held' : 'DID NOT HOLD'}; errors: ${cappedFetch.errors.length === 0 ? 'none' : cappedFetch.errors.join('; ')}`,
        `capped/cursor: requests ${ratio(cappedFetch.requestCount / cursorFetch.requestCount)}×, wall ${ratio(cappedFetch.wallMs / cursorFetch.wallMs)}×`,
        'CPU columns: the child process whole (startup included) and this process while the child ran (the emulator); the larger, against the wall, says which side bounds the time.',
        `fetch's own memory (capped peak − imports-only): ${mib(cappedRow.outcome.maxRssKiB - importsOnly.outcome.maxRssKiB)}`,
      ],
    };
  } finally {
    await Promise.all([capped.close(), cursor.close()]);
  }
}

async function fetchRow(label: string, emulator: RunningEmulator): Promise<Row> {
  emulator.resetLog();
  const cpuBefore = process.cpuUsage();
  const outcome = await runChild(['--endpoint', emulator.url]);
  const cpu = process.cpuUsage(cpuBefore);
  const loggedRequests = emulator.requests.filter((request) => request.path === '/api/models').length;
  return { label, outcome, loggedRequests, emulatorCpuMs: (cpu.user + cpu.system) / 1000 };
}

function runChild(args: string[]): Promise<ScaleFetchOutcome> {
  return runJsonChild<ScaleFetchOutcome>(CHILD_SCRIPT, args, CHILD_TIMEOUT_MS);
}
