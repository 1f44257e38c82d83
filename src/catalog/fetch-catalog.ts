import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { HubClient } from '../hub/index.ts';
import { crawlCapture, type Capture, type CrawlContext, type PageEvent } from './crawl.ts';
import type { FetchReport, SortReport } from './fetch-report.ts';
import { ModelAccumulator, tallyCaptures } from './merge.ts';
import { pairwiseOverlaps } from './overlaps.ts';
import { RequestBudget } from './request-budget.ts';
import type { CatalogSnapshot } from './snapshot.ts';

/** What to fetch and how: the part of the configuration that decides which catalog comes out. */
export interface FetchPlan {
  provider: string;
  strategy: string;
  sorts: readonly string[];
  pageSize: number;
  /** Hub requests in flight at once, across all captures. */
  concurrency: number;
  maxRequests?: number;
}

/** The edges a fetch runs against, passed in so tests and the server choose them. */
export interface FetchDependencies {
  client: HubClient;
  now?: () => number;
  onPage?: (event: PageEvent) => void;
  signal?: AbortSignal;
}

/** Fetches a catalog snapshot with the plan's strategy. */
export async function fetchCatalog(plan: FetchPlan, dependencies: FetchDependencies): Promise<CatalogSnapshot> {
  switch (plan.strategy) {
    case 'multi-sort':
      return fetchMultiSort(plan, dependencies);
    default:
      throw new Error(`fetch strategy "${plan.strategy}" is not available yet`);
  }
}

/** Every sort of a fetch failed: there is no catalog to offer, and an empty one would be a lie. */
export class FetchFailedError extends Error {
  override readonly name = 'FetchFailedError';
  constructor(readonly report: FetchReport) {
    super(`every capture failed: ${report.errors.join('; ')}`);
  }
}

/**
 * The multi-sort strategy: one crawl per sort, run concurrently and each followed to the end of its cursor, merged by
 * model id. Complete when any sort exhausted its cursor, since that sort alone listed everything.
 */
export async function fetchMultiSort(plan: FetchPlan, dependencies: FetchDependencies): Promise<CatalogSnapshot> {
  const options = { ...plan, ...dependencies };
  const now = options.now ?? Date.now;
  const startedAt = now();
  const accumulator = new ModelAccumulator();
  const context: CrawlContext = {
    client: options.client,
    provider: options.provider,
    pageSize: options.pageSize,
    limit: pLimit(options.concurrency),
    budget: new RequestBudget(options.maxRequests),
    accumulator,
    now,
    onPage: options.onPage,
    signal: options.signal,
  };
  const captures = await Promise.all(
    options.sorts.map((sort, rank) => crawlCapture(context, sort, rank, { sort: sort as never })),
  );
  const models = accumulator.finish(captures);
  const report = buildReport({
    strategy: 'multi-sort',
    provider: options.provider,
    upstream: options.client.endpoint,
    pageSize: options.pageSize,
    startedAt,
    finishedAt: now(),
    captures,
    uniqueModels: models.length,
  });
  if (captures.every((capture) => capture.error !== null)) throw new FetchFailedError(report);
  return { id: report.id, fetchedAt: report.finishedAt, models, report };
}

interface ReportInput {
  strategy: string;
  provider: string;
  upstream: string;
  pageSize: number;
  startedAt: number;
  finishedAt: number;
  captures: readonly Capture[];
  uniqueModels: number;
}

function buildReport(input: ReportInput): FetchReport {
  const tallies = tallyCaptures(input.captures);
  const sorts: SortReport[] = input.captures.map((capture, i) => ({
    sort: capture.name,
    pages: capture.pages,
    requests: capture.requests,
    returned: capture.returned,
    notLive: capture.notLive,
    ...tallies[i]!,
    exhausted: capture.exhausted,
    capped: capture.capped,
    durationMs: capture.durationMs,
    error: capture.error,
    errorPage: capture.errorPage,
  }));
  return {
    id: `fetch-${randomUUID()}`,
    strategy: input.strategy,
    provider: input.provider,
    upstream: input.upstream,
    pageSize: input.pageSize,
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: new Date(input.finishedAt).toISOString(),
    durationMs: input.finishedAt - input.startedAt,
    requestCount: input.captures.reduce((sum, capture) => sum + capture.requests, 0),
    uniqueModels: input.uniqueModels,
    complete: input.captures.some((capture) => capture.exhausted && capture.error === null),
    statedOrder: 'sorts in configured order',
    sorts,
    overlaps: pairwiseOverlaps(input.captures.map((capture) => ({ name: capture.name, ids: new Set(capture.ids) }))),
    errors: input.captures.flatMap((capture) => (capture.error ? [`${capture.name}: ${capture.error}`] : [])),
  };
}
