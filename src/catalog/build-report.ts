import { randomUUID } from 'node:crypto';
import { HUB_MAX_PAGE_SIZE } from '../hub/index.ts';
import { cappedView } from './capped-view.ts';
import { coverageOf, estimateTotal, proveCompleteness } from './completeness.ts';
import type { Capture } from './crawl.ts';
import type { FetchStrategy } from './fetch-plan.ts';
import type {
  CaptureReport,
  Completeness,
  FetchReport,
  PartReport,
  ProviderReport,
  RouterReport,
} from './fetch-report.ts';
import { tallyCaptures, type CaptureTally } from './merge.ts';
import type { Model } from './model.ts';
import { pairwiseOverlaps } from './overlaps.ts';
import type { PartitionOutcome } from './partition-crawl.ts';
import { comparePaths, describePart } from './partition-plan.ts';
import { buildProviderReports } from './provider-reports.ts';
import type { ProviderSelection } from './provider-selection.ts';

export interface ReportInput {
  strategy: FetchStrategy;
  provider: string;
  upstream: string;
  pageSize: number;
  startedAt: number;
  finishedAt: number;
  /** Sort captures in the order the report states them. */
  sorts: readonly Capture[];
  partition: PartitionOutcome | null;
  models: readonly Model[];
  rateLimit: FetchReport['rateLimit'];
  upstreamCap: number | null;
  selection: ProviderSelection;
  /** Each provider's own probe (one listing of it alone), when the listing of the whole selection was not proven. */
  probes: ReadonlyMap<string, Capture>;
  router: RouterReport | null;
}

/** Assembles the report: per-capture tallies in stated order (sorts, then parts depth-first), proof, estimates. */
export function buildReport(input: ReportInput): FetchReport {
  const parts = [...(input.partition?.parts ?? [])].sort((a, b) => comparePaths(a.path, b.path));
  const listingCaptures = [...input.sorts, ...parts.map((part) => part.capture)];
  const allCaptures = [...listingCaptures, ...input.probes.values()];
  const tallies = tallyCaptures(listingCaptures);
  const completeness = proveCompleteness({
    sorts: input.sorts,
    partition: input.partition,
    seenIds: new Set(input.models.map((model) => model.id)),
  });
  const estimates = completeness.proven ? null : estimateTotal(input.sorts);
  return {
    id: `fetch-${randomUUID()}`,
    strategy: input.strategy,
    provider: input.provider,
    upstream: input.upstream,
    pageSize: input.pageSize,
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: new Date(input.finishedAt).toISOString(),
    durationMs: input.finishedAt - input.startedAt,
    requestCount: sumRequests(allCaptures),
    uniqueModels: input.models.length,
    rateLimit: input.rateLimit,
    upstreamCap: input.upstreamCap,
    complete: completeness.proven,
    statedOrder:
      parts.length > 0 ? 'sorts in the order listed, then partition queries depth-first' : 'sorts in the order listed',
    sorts: input.sorts.map((capture, i) => ({ sort: capture.name, ...captureReport(capture, tallies[i]!) })),
    overlaps: pairwiseOverlaps(input.sorts.map((capture) => ({ name: capture.name, ids: new Set(capture.ids) }))),
    errors: allCaptures.flatMap((capture) => (capture.error ? [`${capture.name}: ${capture.error}`] : [])),
    parts: parts.map((part, i): PartReport => ({
      label: describePart(part.filters),
      gated: part.filters.gated ?? null,
      author: part.filters.author ?? null,
      search: part.capture.query.search ?? null,
      depth: part.path.length,
      splitBy: part.splitBy,
      refined: part.refined,
      ...captureReport(part.capture, tallies[input.sorts.length + i]!),
    })),
    completeness,
    estimates,
    cappedView: completeness.proven ? cappedView(input.models, HUB_MAX_PAGE_SIZE) : null,
    coverage: coverageOf(input.models.length, completeness, estimates),
    providers: providerReportsOf(input, completeness, sumRequests(listingCaptures)),
    router: input.router,
  };
}

function providerReportsOf(input: ReportInput, union: Completeness, unionRequests: number): ProviderReport[] {
  const { selection, models, sorts, probes } = input;
  return buildProviderReports({ selection, models, union, sorts, probes, unionRequests });
}

function sumRequests(captures: readonly Capture[]): number {
  return captures.reduce((sum, capture) => sum + capture.requests, 0);
}

function captureReport(capture: Capture, tally: CaptureTally): Omit<CaptureReport, 'sort'> {
  return {
    pages: capture.pages,
    requests: capture.requests,
    returned: capture.returned,
    notLive: capture.notLive,
    ...tally,
    exhausted: capture.exhausted,
    capped: capture.capped,
    durationMs: capture.durationMs,
    error: capture.error,
    errorPage: capture.errorPage,
  };
}
