import { setTimeout as delay } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { HubClient, HubSortKey } from '../hub/index.ts';
import { buildReport } from './build-report.ts';
import { CAPPED_SORT_KEYS } from './capped-view.ts';
import { crawlCapture, type Capture, type CrawlContext, type PageEvent } from './crawl.ts';
import type { FetchPlan } from './fetch-plan.ts';
import type { FetchReport } from './fetch-report.ts';
import { ModelAccumulator } from './merge.ts';
import { ModelTable } from './model-table.ts';
import { crawlPartitions, type PartitionOutcome } from './partition-crawl.ts';
import { RateLimitGate } from './rate-limit-gate.ts';
import { RequestBudget } from './request-budget.ts';
import type { CatalogSnapshot } from './snapshot.ts';

/** The edges a fetch runs against, passed in so tests and the server choose them. */
export interface FetchDependencies {
  client: HubClient;
  now?: () => number;
  /** How the fetch waits for a rate-limit window to reset; tests inject time, and only time. */
  sleep?: (ms: number) => Promise<void>;
  onPage?: (event: PageEvent) => void;
  signal?: AbortSignal;
}

/** Every capture of a fetch failed: there is no catalog to offer, and an empty one would be a lie. */
export class FetchFailedError extends Error {
  override readonly name = 'FetchFailedError';
  constructor(
    readonly report: FetchReport,
    /** What each capture failed on. */
    readonly causes: Error[] = [],
  ) {
    super(`every capture failed: ${report.errors.join('; ')}`);
  }
}

/**
 * Fetches a catalog snapshot.
 * - `multi-sort`: the configured sorts, each crawled to the end of its cursor, merged by id.
 * - `partition`: the configured sorts, then, if the listing is capped, a covering partition until every part answers
 *   below the cap.
 * - `auto`: the configured sorts; if the upstream turns out capped, every other sort key as well, then the partition.
 */
export async function fetchCatalog(plan: FetchPlan, dependencies: FetchDependencies): Promise<CatalogSnapshot> {
  const context = crawlContext(plan, dependencies);
  const { now, accumulator } = context;
  const startedAt = now();
  const crawlSort = (sort: HubSortKey) => crawlCapture(context, sort, sortRank(sort), { sort });

  let sorts = await Promise.all(plan.sorts.map(crawlSort));
  const hiddenCap = detectHiddenCap(sorts);
  if (hiddenCap !== null) context.fullPageAt = hiddenCap;
  let partition: PartitionOutcome | null = null;
  const listingIsCapped = !sorts.some((capture) => capture.exhausted) && sorts.some((capture) => capture.capped);
  if (listingIsCapped && plan.strategy !== 'multi-sort') {
    const extraSorts = plan.strategy === 'auto' ? CAPPED_SORT_KEYS.filter((sort) => !plan.sorts.includes(sort)) : [];
    const [more, outcome] = await Promise.all([
      Promise.all(extraSorts.map(crawlSort)),
      crawlPartitions(context, {
        sort: plan.sorts[0] ?? 'createdAt',
        firstRank: CAPPED_SORT_KEYS.length + plan.sorts.length,
      }),
    ]);
    sorts = orderForCappedView([...sorts, ...more]);
    partition = outcome;
  }

  const captures = [...sorts, ...(partition?.parts.map((part) => part.capture) ?? [])];
  const models = accumulator.finish(captures);
  const report = buildReport({
    strategy: plan.strategy,
    provider: plan.provider,
    upstream: dependencies.client.endpoint,
    pageSize: plan.pageSize,
    startedAt,
    finishedAt: now(),
    sorts,
    partition,
    models,
    rateLimit: { pauses: context.rateLimit.pauses, waitedMs: context.rateLimit.waitedMs },
    upstreamCap: sorts.some((capture) => capture.capped) ? context.fullPageAt : null,
  });
  if (captures.every((capture) => capture.error !== null)) {
    throw new FetchFailedError(
      report,
      captures.flatMap((capture) => capture.failure ?? []),
    );
  }
  return { id: report.id, fetchedAt: report.finishedAt, models: ModelTable.from(models), report };
}

/** What every capture of one fetch shares: the client, the limiter, the request budget, the rate-limit gate. */
function crawlContext(plan: FetchPlan, dependencies: FetchDependencies): CrawlContext {
  const now = dependencies.now ?? Date.now;
  return {
    client: dependencies.client,
    provider: plan.provider,
    pageSize: plan.pageSize,
    fullPageAt: plan.pageSize,
    limit: pLimit(plan.concurrency),
    budget: new RequestBudget(plan.maxRequests),
    rateLimit: new RateLimitGate(plan.concurrency, now, dependencies.sleep ?? ((ms) => delay(ms))),
    accumulator: new ModelAccumulator(),
    now,
    onPage: dependencies.onPage,
    signal: dependencies.signal,
  };
}

/**
 * An upstream that caps below the page size answers every sort with a short first page and no cursor, which looks
 * like "the whole listing fit in one page". Sorts of one whole listing return the same models; if they differ, each
 * saw only its top N. Marks those captures capped and returns N (the most any returned), or null when nothing shows.
 */
function detectHiddenCap(sorts: Capture[]): number | null {
  const onePage = sorts.filter((capture) => capture.error === null && capture.exhausted && capture.pages === 1);
  if (onePage.length < 2) return null;
  const first = new Set(onePage[0]!.ids);
  const agree = onePage.every(
    (capture) => capture.ids.length === first.size && capture.ids.every((id) => first.has(id)),
  );
  if (agree) return null;
  for (const capture of onePage) {
    capture.exhausted = false;
    capture.capped = true;
  }
  return Math.max(...onePage.map((capture) => capture.returned));
}

/** Where several captures hold one model, the record kept is from the first sort in the capped order. */
function sortRank(sort: string): number {
  const index = CAPPED_SORT_KEYS.findIndex((key) => key === sort);
  return index === -1 ? CAPPED_SORT_KEYS.length : index;
}

/** On a capped upstream the report lists sorts in the gateway's order (likes, downloads, …), so its figures compare. */
function orderForCappedView(sorts: Capture[]): Capture[] {
  return [...sorts].sort((a, b) => sortRank(a.name) - sortRank(b.name));
}
