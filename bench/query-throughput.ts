import { startEmulator } from '../src/emulator/index.ts';
import { pageModels, type CatalogView, type ModelPageRequest, type QualityBar } from '../src/query/index.ts';
import { count, ratio, table, type BenchResult } from './support/format.ts';
import { fetchFrom } from './support/fetch.ts';
import { spread, type Spread } from './support/measure.ts';

const CALLS = 1000;
const ROUNDS = 5;
const QUALITY_BAR: QualityBar = { minDownloads: 100, minLikes: 5 };
const ORDER = { field: 'LIKES', direction: 'DESC' } as const;
const FIRST = 50;
// A selective filter (≈ 6% of the gateway's models), so filling a page means scanning well past it.
const FILTERED: ModelPageRequest = {
  filter: { pipelineTags: ['image-classification'], quality: true },
  orderBy: ORDER,
  first: FIRST,
};
const UNFILTERED: ModelPageRequest = { orderBy: ORDER, first: FIRST };

/** The query engine over a real snapshot: what a filter costs per `models` page, against the same page unfiltered. */
export async function benchQueryThroughput(): Promise<BenchResult> {
  const emulator = await startEmulator({ preset: 'gateway-2025-10', port: 0 });
  let view: CatalogView;
  try {
    const snapshot = await fetchFrom(emulator.url);
    view = { snapshotId: snapshot.id, models: snapshot.models };
  } finally {
    await emulator.close();
  }

  const matches = pageModels(view, FILTERED, QUALITY_BAR).totalCount;
  // Warm both paths once: the sorted order and the match count are cached per snapshot, as they are when serving.
  pageModels(view, UNFILTERED, QUALITY_BAR);
  const unfilteredWall: number[] = [];
  const filteredWall: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    unfilteredWall.push(timeCalls(view, UNFILTERED));
    filteredWall.push(timeCalls(view, FILTERED));
  }
  const baseline = spread(unfilteredWall);
  const filtered = spread(filteredWall);
  const perCall = (wall: Spread) => `${((wall.median * 1000) / CALLS).toFixed(1)} µs`;
  const perSecond = (wall: Spread) => count(Math.round(CALLS / (wall.median / 1000)));

  return {
    title: `4. Query engine — pageModels over the gateway snapshot (${count(view.models.size)} models), order likes desc, first ${FIRST}`,
    body: [
      `${count(CALLS)} calls per round, ${ROUNDS} rounds alternating, median round reported; filter matches ${count(matches)} models.`,
      table(
        ['calls', `median per ${count(CALLS)}`, 'min', 'max', 'per call', 'calls/s'],
        [
          ['no filter (baseline)', ...roundCells(baseline), perCall(baseline), perSecond(baseline)],
          [
            'pipelineTags=image-classification, quality=true',
            ...roundCells(filtered),
            perCall(filtered),
            perSecond(filtered),
          ],
        ],
      ),
      `filtered/unfiltered = ${ratio(filtered.median / baseline.median)} (a selective filter scans past non-matching models to fill a page, so ≥ 1 is expected: ${filtered.median >= baseline.median ? 'held' : 'DID NOT HOLD'})`,
    ],
  };
}

function timeCalls(view: CatalogView, request: ModelPageRequest): number {
  const start = performance.now();
  for (let call = 0; call < CALLS; call++) pageModels(view, request, QUALITY_BAR);
  return performance.now() - start;
}

const roundCells = (wall: Spread) => [wall.median, wall.min, wall.max].map((value) => `${value.toFixed(1)} ms`);
