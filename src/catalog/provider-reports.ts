import { compareIds, type Model } from './model.ts';
import { coverageOf, estimateTotal } from './completeness.ts';
import type { Capture } from './crawl.ts';
import type { Completeness, ProviderReport, ValueCount } from './fetch-report.ts';
import { isShared, providerLabel, type ProviderSelection } from './provider-selection.ts';

export interface ProviderReportsInput {
  selection: ProviderSelection;
  /** The final catalog. */
  models: readonly Model[];
  /** The completeness of the listing of the whole selection. */
  union: Completeness;
  /** The captures of that listing that were sorts (the estimates' samples). */
  sorts: readonly Capture[];
  /** Each provider's own probe, when the listing of the whole selection was not proven. */
  probes: ReadonlyMap<string, Capture>;
  /** Requests of the listing of the whole selection. */
  unionRequests: number;
}

interface Tally {
  live: Set<string>;
  statuses: { staging: number; error: number; otherStatus: number };
  tasks: Map<string, number>;
}

/**
 * Each provider's part of the catalog. Its live set is derived from the catalog (each listed model carries all its
 * mappings), and is complete when the listing of the whole selection is; otherwise when its own probe saw its whole
 * listing; otherwise it is estimated from the captures restricted to it.
 */
export function buildProviderReports(input: ProviderReportsInput): ProviderReport[] {
  const tallies = tallyProviders(input.models);
  const names =
    input.selection === 'all'
      ? [...tallies.keys()].sort((a, b) => tallies.get(b)!.live.size - tallies.get(a)!.live.size || compareIds(a, b))
      : input.selection;
  return names.map((provider) => providerReport(provider, tallies.get(provider) ?? emptyTally(), input));
}

function providerReport(provider: string, tally: Tally, input: ProviderReportsInput): ProviderReport {
  const probe = input.probes.get(provider);
  const completeness = providerCompleteness(provider, input, probe);
  const samples = [...input.sorts, ...(probe ? [probe] : [])].map((capture) => ({
    ...capture,
    ids: capture.ids.filter((id) => tally.live.has(id)),
  }));
  const estimates = completeness.proven ? null : estimateTotal(samples);
  const shared = isShared(input.selection);
  return {
    provider,
    live: tally.live.size,
    ...tally.statuses,
    tasks: sortedCounts(tally.tasks),
    complete: completeness.proven,
    completeness,
    estimates,
    coverage: coverageOf(tally.live.size, completeness, estimates),
    requests: shared ? (probe?.requests ?? 0) : input.unionRequests,
    sharedRequests: shared ? input.unionRequests : 0,
  };
}

/**
 * One provider's listing is the whole selection's when it is the only one; otherwise its completeness follows from
 * that listing's, or from its own probe.
 */
function providerCompleteness(provider: string, input: ProviderReportsInput, probe: Capture | undefined): Completeness {
  const { union } = input;
  if (!isShared(input.selection)) return union;
  const label = providerLabel(input.selection);
  if (union.proven) {
    return {
      ...union,
      explanation:
        `the listing of ${label} is complete (${union.explanation}), and each model it lists carries all its ` +
        `mappings: ${provider}'s live models are those with a live mapping of ${provider}`,
    };
  }
  const own = `its own listing (inference_provider=${provider})`;
  if (probe && probe.exhausted && probe.error === null) {
    const how =
      probe.pages === 1 ? 'fit in one page below the cap' : `ran its createdAt cursor out in ${probe.pages} pages`;
    return {
      proven: true,
      method: 'cursor',
      explanation: `${own} ${how}`,
      premises: [],
      coveringParts: 0,
      uncoveredRisk: [],
    };
  }
  const why = !probe
    ? 'was not asked'
    : probe.error !== null
      ? `failed: ${probe.error}`
      : probe.budgetStopped
        ? 'was not fetched: the request budget ran out'
        : 'came back full with no cursor';
  return {
    ...union,
    explanation: `the listing of ${label} is not proven complete, and ${own} ${why}`,
    uncoveredRisk: [...union.uncoveredRisk, `${provider}: ${own} ${why}`],
  };
}

function tallyProviders(models: readonly Model[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const model of models) {
    for (const mapping of model.providers) {
      let tally = tallies.get(mapping.provider);
      if (!tally) tallies.set(mapping.provider, (tally = emptyTally()));
      if (mapping.status === 'live') {
        tally.live.add(model.id);
        if (mapping.task !== null) tally.tasks.set(mapping.task, (tally.tasks.get(mapping.task) ?? 0) + 1);
      } else if (mapping.status === 'staging' || mapping.status === 'error') tally.statuses[mapping.status]++;
      else tally.statuses.otherStatus++;
    }
  }
  return tallies;
}

function emptyTally(): Tally {
  return { live: new Set(), statuses: { staging: 0, error: 0, otherStatus: 0 }, tasks: new Map() };
}

function sortedCounts(counts: ReadonlyMap<string, number>): ValueCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareIds(a.value, b.value));
}
