import type { Capture } from './crawl.ts';
import { chaoLowerBound, chapmanEstimate } from './estimates.ts';
import type { Completeness, Coverage, Estimates } from './fetch-report.ts';
import { fitsIdForm, PARTITION_PREMISES } from './partition-plan.ts';
import type { PartitionOutcome } from './partition-crawl.ts';

export interface CompletenessInput {
  sorts: readonly Capture[];
  partition: PartitionOutcome | null;
  /** Every id the fetch kept. */
  seenIds: ReadonlySet<string>;
}

/** Whether the fetch saw every model, and the reason it can say so — or what could still be hiding. */
export function proveCompleteness(input: CompletenessInput): Completeness {
  const byCursor = input.sorts.find((capture) => capture.exhausted && capture.error === null);
  if (byCursor) {
    const how = byCursor.pages === 1 ? 'the whole listing fit in its first page' : `it followed the cursor to the end in ${byCursor.pages} pages`;
    return proven('cursor', `sort ${byCursor.name}: ${how}`, [], 0);
  }
  const partition = input.partition;
  if (!partition) {
    return unproven('every sort stopped at a full first page with no cursor, and no partition was crawled', [
      'models ranked below the cap of every sort',
    ]);
  }
  const risks = [...partition.uncovered];
  const lowerSeen = new Set([...input.seenIds].map((id) => id.toLowerCase()));
  for (const id of partition.unmatchableIds) {
    if (!lowerSeen.has(id.toLowerCase())) risks.push(`a model with id exactly ${id}, which no partition query can isolate`);
  }
  const offForm = [...input.seenIds].filter((id) => !fitsIdForm(id));
  if (offForm.length > 0) {
    risks.push(`ids outside the owner/name form the partition assumes (e.g. ${offForm.slice(0, 3).join(', ')})`);
  }
  const leaves = partition.parts.filter((part) => !part.refined && part.capture.exhausted && part.capture.error === null);
  if (risks.length === 0) {
    return proven(
      'covering-partition',
      `${leaves.length} partition queries that together match every possible model each answered below the cap`,
      [...PARTITION_PREMISES],
      leaves.length,
    );
  }
  return { ...unproven(`the covering partition is incomplete: ${risks.length} gap(s)`, risks), premises: [...PARTITION_PREMISES], coveringParts: leaves.length };
}

function proven(method: Completeness['method'], explanation: string, premises: string[], coveringParts: number): Completeness {
  return { proven: true, method, explanation, premises, coveringParts, uncoveredRisk: [] };
}

function unproven(explanation: string, uncoveredRisk: string[]): Completeness {
  return { proven: false, method: 'none', explanation, premises: [], coveringParts: 0, uncoveredRisk };
}

export const ESTIMATE_CAVEAT =
  'Lower bounds: the captures are top-N cuts of correlated popularity sorts, not independent random samples, so these estimators undercount.';

/** Capture–recapture estimates from the sorts that succeeded. */
export function estimateTotal(sorts: readonly Capture[]): Estimates {
  const usable = sorts.filter((capture) => capture.error === null && capture.ids.length > 0).map((capture) => ({ name: capture.name, ids: new Set(capture.ids) }));
  const chapman = usable.flatMap((a, i) =>
    usable.slice(i + 1).map((b) => {
      let shared = 0;
      for (const id of a.ids) if (b.ids.has(id)) shared++;
      return chapmanEstimate(a.name, b.name, a.ids.size, b.ids.size, shared);
    }),
  );
  const timesSeen = new Map<string, number>();
  for (const capture of usable) for (const id of capture.ids) timesSeen.set(id, (timesSeen.get(id) ?? 0) + 1);
  const chao = usable.length >= 2 ? chaoLowerBound(timesSeen.values(), usable.length) : null;
  return { chapman, chao, caveat: ESTIMATE_CAVEAT };
}

/** Unique ÷ total: the exact total when proven, else the largest of the lower-bound estimates. */
export function coverageOf(unique: number, completeness: Completeness, estimates: Estimates | null): Coverage {
  if (completeness.proven) return { ratio: 1, total: unique, basis: `exact (${completeness.method} proof)` };
  const candidates = [
    ...(estimates?.chapman ?? []).map((estimate) => ({ total: estimate.estimate, basis: `Chapman estimate for ${estimate.a}×${estimate.b}` })),
    ...(estimates?.chao ? [{ total: estimates.chao.estimate, basis: "Chao's lower bound" }] : []),
  ];
  const best = candidates.reduce((a, b) => (b.total > a.total ? b : a), { total: unique, basis: 'models seen (no estimate available)' });
  const total = Math.max(best.total, unique);
  return {
    ratio: total === 0 ? 0 : unique / total,
    total,
    basis: `${best.basis}, a lower bound on the total, so the ratio is an upper bound`,
  };
}
