import { fileURLToPath } from 'node:url';
import { PRESETS } from '../src/emulator/index.ts';
import type { EmulatorStartOutcome } from './emulator-start-child.ts';
import { runJsonChild } from './support/child-process.ts';
import { againstExpectation, count, mib, ms, ratio, table, type BenchResult } from './support/format.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./emulator-start-child.ts', import.meta.url));
// Far above the ~10 s a million-model start should take; only there so a hang ends as a reported failure.
const CHILD_TIMEOUT_MS = 5 * 60_000;
/** Issue 12's targets for the largest preset, on a 2-core machine. */
const TARGET_START_MS = 10_000;
const TARGET_RSS_MIB = 800;

interface Row {
  label: string;
  outcome: EmulatorStartOutcome;
}

/**
 * The emulator at 1,000,000 models, each start in its own child process so its peak RSS is its own: a child that only
 * loads the emulator is the baseline for memory, and the 100k preset the baseline for how time and memory scale.
 */
export async function benchEmulatorStart(): Promise<BenchResult> {
  const importsOnly = await runJsonChild<EmulatorStartOutcome>(CHILD_SCRIPT, ['--imports-only'], CHILD_TIMEOUT_MS);
  const small = await runJsonChild<EmulatorStartOutcome>(
    CHILD_SCRIPT,
    ['--preset', 'scale-100k', '--evolve'],
    CHILD_TIMEOUT_MS,
  );
  const large = await runJsonChild<EmulatorStartOutcome>(CHILD_SCRIPT, ['--preset', 'scale-1m'], CHILD_TIMEOUT_MS);
  const rows: Row[] = [
    { label: 'imports only (baseline)', outcome: importsOnly },
    { label: `scale-100k (${count(PRESETS['scale-100k']!.population)} models)`, outcome: small },
    { label: `scale-1m (${count(PRESETS['scale-1m']!.population)} models)`, outcome: large },
  ];
  const [smallStart, largeStart] = [small.start!, large.start!];
  const populationRatio = PRESETS['scale-1m']!.population / PRESETS['scale-100k']!.population;
  const bytesPerModel = (outcome: EmulatorStartOutcome, preset: string) =>
    ((outcome.maxRssKiB - importsOnly.maxRssKiB) * 1024) / PRESETS[preset]!.population;
  const held = (ok: boolean) => (ok ? 'held' : 'DID NOT HOLD');
  return {
    title: '5. Emulator start — scale-100k and scale-1m, each in a child process',
    body: [
      table(
        ['run', 'start (listening)', 'first page by likes', 'next page', 'child CPU', 'peak RSS', 'RSS ÷ baseline'],
        rows.map(({ label, outcome }) => [
          label,
          outcome.start ? ms(outcome.start.startMs) : '–',
          outcome.start ? ms(outcome.start.firstPageMs) : '–',
          outcome.start ? ms(outcome.start.nextPageMs) : '–',
          ms(outcome.cpuMs),
          mib(outcome.maxRssKiB),
          ratio(outcome.maxRssKiB / importsOnly.maxRssKiB),
        ]),
      ),
      `scale-1m start ≤ ${count(TARGET_START_MS)} ms: ${held(largeStart.startMs <= TARGET_START_MS)}; peak RSS ≤ ${TARGET_RSS_MIB} MiB: ${held(large.maxRssKiB / 1024 <= TARGET_RSS_MIB)}`,
      `start time 1m ÷ 100k = ${againstExpectation(largeStart.startMs / smallStart.startMs, populationRatio, 3)} (linear in the population: ${ratio(populationRatio)})`,
      `memory above the baseline per model: ${count(Math.round(bytesPerModel(large, 'scale-1m')))} B at 1m, ${count(Math.round(bytesPerModel(small, 'scale-100k')))} B at 100k`,
      `evolve at 100k (add 7, remove 5, update 3; three orders built): ${ms(smallStart.evolveMs ?? NaN)}, ${ratio((smallStart.evolveMs ?? NaN) / smallStart.nextPageMs)}× one 1,000-model page (expected well under a second: ${held((smallStart.evolveMs ?? Infinity) < 1000)})`,
      "Wall times depend on the machine's load; the CPU column is the child's whole run (start, pages, evolutions).",
    ],
  };
}
