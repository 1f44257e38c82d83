import type { Capture } from './crawl.ts';
import { chaoLowerBound, chapmanEstimate } from './estimates.ts';
import type { Completeness, Coverage, Estimates } from './fetch-report.ts';
import { fitsIdForm, PARTITION_PREMISES } from './partition-plan.ts';
import { pairwiseOverlaps } from './overlaps.ts';
import type { PartitionOutcome } from './partition-crawl.ts';

export interface CompletenessInput {
  sorts: readonly Capture[];
  partition: PartitionOutcome | null;
  /** Every id the fetch kept. */
  seenIds: ReadonlySet<string>;
}

/** Whether the fetch saw every model, and the reason it can say so — or what could still be hiding. */
export function proveCompleteness(input: CompletenessInput): Completeness {
  const exhausted = input.sorts.filter((capture) => capture.exhausted && capture.error === null);
  const byCursor = cursorProof(exhausted, input.seenIds);
  if (byCursor) {
    const how =
      byCursor.pages === 1
        ? 'the whole listing fit in its first page'
        : `it followed the cursor to the end in ${byCursor.pages} pages`;
    return proven('cursor', `sort ${byCursor.name}: ${how}`, [], 0);
  }
  if (exhausted.length > 0) {
    return unproven(
      'every sort that ran its cursor out missed models another capture found, or met one twice: ' +
        'their keys changed mid-crawl, so a keyset cursor skipped',
      exhausted.map((capture) =>
        capture.repeated > 0
          ? `sort ${capture.name} returned ${capture.repeated} models twice: its keys moved across the cursor`
          : `sort ${capture.name} missed ${missedBy(capture, input.seenIds)} of the ${input.seenIds.size} models seen`,
      ),
    );
  }
  const partition = input.partition;
  if (!partition) {
    return unproven('every sort stopped at a full first page with no cursor, and no partition was crawled', [
      'models ranked below the cap of every sort',
    ]);
  }
  return partitionProof(partition, input.seenIds);
}

/** A covering partition proves completeness when none of its parts, premises or leftover ids leaves a gap. */
function partitionProof(partition: PartitionOutcome, seenIds: ReadonlySet<string>): Completeness {
  const risks = [...partition.uncovered];
  const lowerSeen = new Set([...seenIds].map((id) => id.toLowerCase()));
  for (const id of partition.unmatchableIds) {
    if (!lowerSeen.has(id.toLowerCase()))
      risks.push(`a model with id exactly ${id}, which no partition query can isolate`);
  }
  const offForm = [...seenIds].filter((id) => !fitsIdForm(id));
  if (offForm.length > 0) {
    risks.push(`ids outside the owner/name form the partition assumes (e.g. ${offForm.slice(0, 3).join(', ')})`);
  }
  const caseRisk = searchCaseRisk(partition, seenIds);
  if (caseRisk) risks.push(caseRisk);
  const leaves = partition.parts.filter(
    (part) => !part.refined && part.capture.exhausted && part.capture.error === null,
  );
  if (risks.length === 0) {
    return proven(
      'covering-partition',
      `${leaves.length} partition queries that together match every possible model each answered below the cap`,
      [...PARTITION_PREMISES],
      leaves.length,
    );
  }
  return {
    ...unproven(`the covering partition is incomplete: ${risks.length} gap(s)`, risks),
    premises: [...PARTITION_PREMISES],
    coveringParts: leaves.length,
  };
}

/**
 * The crawl whose end proves the listing was seen whole. `createdAt` never changes, so its keyset cursor cannot skip a
 * model; a crawl by a key that can change (likes, downloads…) proves it only if it missed nothing any other capture
 * saw.
 */
function cursorProof(exhausted: readonly Capture[], seenIds: ReadonlySet<string>): Capture | undefined {
  return (
    exhausted.find((capture) => capture.name === 'createdAt') ??
    exhausted.find((capture) => capture.repeated === 0 && missedBy(capture, seenIds) === 0)
  );
}

function missedBy(capture: Capture, seenIds: ReadonlySet<string>): number {
  return seenIds.size - new Set(capture.ids).size;
}

/**
 * The character splits search lower case; that covers upper-case ids only if the upstream's search ignores case. An
 * answer holding an id that contains the search only when case is ignored shows it does; without one, ids with
 * capitals may have been missed.
 */
function searchCaseRisk(partition: PartitionOutcome, seenIds: ReadonlySet<string>): string | null {
  const ignoresCase = partition.parts.some(({ capture }) => {
    const search = capture.query.search;
    return (
      search !== undefined &&
      /[a-z]/.test(search) &&
      capture.ids.some((id) => !id.includes(search) && id.toLowerCase().includes(search))
    );
  });
  if (ignoresCase || ![...seenIds].some((id) => /[A-Z]/.test(id))) return null;
  return 'no partition answer showed that search ignores case, so ids with capital letters may have been missed';
}

function proven(
  method: Completeness['method'],
  explanation: string,
  premises: string[],
  coveringParts: number,
): Completeness {
  return { proven: true, method, explanation, premises, coveringParts, uncoveredRisk: [] };
}

function unproven(explanation: string, uncoveredRisk: string[]): Completeness {
  return { proven: false, method: 'none', explanation, premises: [], coveringParts: 0, uncoveredRisk };
}

export const ESTIMATE_CAVEAT =
  'Lower bounds: the captures are top-N cuts of correlated popularity sorts, not independent random samples, ' +
  'so these estimators undercount.';

/** Capture–recapture estimates from the sorts that succeeded. */
export function estimateTotal(sorts: readonly Capture[]): Estimates {
  const usable = sorts
    .filter((capture) => capture.error === null && capture.ids.length > 0)
    .map((capture) => ({ name: capture.name, ids: new Set(capture.ids) }));
  const chapman = pairwiseOverlaps(usable).map((pair) =>
    chapmanEstimate(pair.a, pair.b, pair.shared + pair.onlyA, pair.shared + pair.onlyB, pair.shared),
  );
  const timesSeen = new Map<string, number>();
  for (const capture of usable) for (const id of capture.ids) timesSeen.set(id, (timesSeen.get(id) ?? 0) + 1);
  const chao = usable.length >= 2 ? chaoLowerBound(timesSeen.values(), usable.length) : null;
  return { chapman, chao, caveat: ESTIMATE_CAVEAT };
}

/**
 * Unique ÷ total: the exact total when proven, else the largest of the lower-bound estimates (so the ratio is an upper
 * bound); unknown when there is no estimate to divide by.
 */
export function coverageOf(unique: number, completeness: Completeness, estimates: Estimates | null): Coverage {
  if (completeness.proven) return { ratio: 1, total: unique, basis: `exact (${completeness.method} proof)` };
  const candidates = [
    ...(estimates?.chapman ?? []).map((estimate) => ({
      total: estimate.estimate,
      basis: `Chapman estimate for ${estimate.a}×${estimate.b}`,
    })),
    ...(estimates?.chao ? [{ total: estimates.chao.estimate, basis: "Chao's lower bound" }] : []),
  ];
  if (candidates.length === 0) {
    return { ratio: null, total: null, basis: 'unknown: estimating the total needs at least two sorts that succeeded' };
  }
  const best = candidates.reduce((a, b) => (b.total > a.total ? b : a));
  const total = Math.max(best.total, unique);
  return {
    ratio: total === 0 ? 0 : unique / total,
    total,
    basis: `${best.basis}, a lower bound on the total, so the ratio is an upper bound`,
  };
}
