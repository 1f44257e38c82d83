import { diffSnapshots, ModelTable, type Model } from '../src/catalog/index.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { count, ratio, table, type BenchResult } from './support/format.ts';
import { fetchFrom } from './support/fetch.ts';
import { spread } from './support/measure.ts';

const PRESET = 'scale-100k';
const ROUNDS = 5;
const EVOLUTION = { added: 100, removed: 100, updated: 100, drift: true };

/**
 * What finding the changes of a refresh costs at 100,000 models: the diff of two fetched snapshots (one evolution of
 * the emulator apart, download and like counts moving everywhere), against building the snapshot's table from its
 * rows, which every fetch does anyway.
 */
export async function benchLivingCatalog(): Promise<BenchResult> {
  const emulator = await startEmulator({ preset: PRESET, port: 0 });
  let before: ModelTable;
  let after: ModelTable;
  try {
    before = (await fetchFrom(emulator.url)).models;
    emulator.evolve(EVOLUTION);
    after = (await fetchFrom(emulator.url)).models;
  } finally {
    await emulator.close();
  }
  const rows: Model[] = after.toJSON();
  const builds: number[] = [];
  const diffs: number[] = [];
  let changes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    builds.push(time(() => ModelTable.from(rows)));
    diffs.push(time(() => (changes = diffSnapshots(before, after, true).changes.length)));
  }
  const build = spread(builds);
  const diff = spread(diffs);
  const cells = (wall: typeof build) => [wall.median, wall.min, wall.max].map((value) => `${value.toFixed(0)} ms`);
  const share = diff.median / build.median;
  return {
    title: `5. Living catalog — the diff of two ${PRESET} snapshots (${count(after.size)} models) one evolution apart`,
    body: [
      `evolution: +${EVOLUTION.added} −${EVOLUTION.removed} ~${EVOLUTION.updated} served models, every count drifted; ` +
        `${ROUNDS} rounds, median reported; the diff found ${count(changes)} changes.`,
      table(
        ['step', 'median', 'min', 'max'],
        [
          ['ModelTable.from(rows) (baseline: every fetch builds one)', ...cells(build)],
          ['diffSnapshots(previous, next)', ...cells(diff)],
        ],
      ),
      `diff/build = ${ratio(share)} (the diff compares columns and builds fields only for rows that differ, so < 1 ` +
        `is expected: ${share < 1 ? 'held' : 'DID NOT HOLD'})`,
    ],
  };
}

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}
