import { setTimeout as delay } from 'node:timers/promises';
import pLimit from 'p-limit';
import {
  HubHttpError,
  HubNetworkError,
  HubProtocolError,
  type HubClient,
  type HubSortKey,
  type RouterClient,
  type RouterListing,
} from '../hub/index.ts';
import { buildReport } from './build-report.ts';
import { CAPPED_SORT_KEYS } from './capped-view.ts';
import { proveCompleteness } from './completeness.ts';
import { CATALOG_EXPAND_FIELDS, DEFAULT_EXPANSIONS } from './normalize.ts';
import { crawlCapture, type Capture, type CaptureFailure, type CrawlContext, type PageEvent } from './crawl.ts';
import { planProviders, type FetchPlan } from './fetch-plan.ts';
import type { FetchReport, RouterReport } from './fetch-report.ts';
import { ModelAccumulator } from './merge.ts';
import { compareIds } from './model.ts';
import { ModelTable } from './model-table.ts';
import { crawlPartitions, type PartitionOutcome } from './partition-crawl.ts';
import { RateLimitGate } from './rate-limit-gate.ts';
import { RequestBudget } from './request-budget.ts';
import { isShared, providerLabel } from './provider-selection.ts';
import { joinRouter } from './router-join.ts';
import type { CatalogSnapshot } from './snapshot.ts';

/** The edges a fetch runs against, passed in so tests and the server choose them. */
export interface FetchDependencies {
  client: HubClient;
  now?: () => number;
  /** How the fetch waits for a rate-limit window to reset; tests inject time, and only time. */
  sleep?: (ms: number) => Promise<void>;
  onPage?: (event: PageEvent) => void;
  /** Told each failed capture with its whole error (URL, the Hub's message, evidence), for the operator's log. */
  onCaptureFailed?: (failure: CaptureFailure) => void;
  signal?: AbortSignal;
  /** The router's listing, read beside the Hub's and joined into the mappings; none when absent. */
  router?: RouterClient;
  /** Told the whole error when the router's listing cannot be read (the catalog comes without its figures). */
  onRouterFailed?: (error: HubHttpError | HubNetworkError | HubProtocolError) => void;
}

/** Every capture of a fetch failed: there is no catalog to offer, and an empty one would be a lie. */
export class FetchFailedError extends Error {
  override readonly name = 'FetchFailedError';
  constructor(
    readonly report: FetchReport,
    /** What each capture failed on. */
    readonly causes: Error[] = [],
  ) {
    // The first failure stands for the rest, which the report lists: this message reaches API clients, so it is short.
    const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more)` : '';
    super(`every capture failed; the first: ${report.errors[0] ?? 'no capture ran'}${more}`);
  }
}

/**
 * Fetches a catalog snapshot: the models live with any selected provider, every mapping of each kept.
 * - `multi-sort`: the configured sorts, each crawled to the end of its cursor, merged by id.
 * - `partition`: the configured sorts, then, if the listing is capped, a covering partition until every part answers
 *   below the cap.
 * - `auto`: the configured sorts; if the upstream turns out capped, every other sort key as well, then the partition.
 *
 * Several providers share one listing (`inference_provider=groq,together` or `all`); each one's set is derived from
 * it. If that listing cannot be proven complete, each provider gets one probe of its own listing, which proves its set
 * when it comes back whole. The router's listing is read meanwhile and joined into the mappings.
 */
export async function fetchCatalog(plan: FetchPlan, dependencies: FetchDependencies): Promise<CatalogSnapshot> {
  const context = crawlContext(plan, dependencies);
  const startedAt = context.now();
  const routerAbort = new AbortController();
  const routerRead = readRouter(dependencies, context.now, routerAbort.signal);
  // Awaited below; until then a rejection (a shutdown's abort) must not count as unhandled.
  routerRead.catch(() => {});
  const { sorts, partition } = await crawlSelection(plan, context);
  const probes = await probeProviders(plan, context, sorts, partition);

  const partCaptures = partition?.parts.map((part) => part.capture) ?? [];
  const captures = [...sorts, ...partCaptures, ...probes.values()];
  const failed = captures.every((capture) => capture.error !== null);
  // Without a catalog there is nothing to join the router's figures into: it is not waited for.
  if (failed) routerAbort.abort(new Error('every capture failed'));
  const router = await routerRead;
  const joined = joinRouter(context.accumulator.finish(captures), router.listing?.models ?? null);
  const report = buildReport({
    strategy: plan.strategy,
    provider: providerLabel(context.selection),
    upstream: dependencies.client.endpoint,
    pageSize: plan.pageSize,
    startedAt,
    finishedAt: context.now(),
    sorts,
    partition,
    models: joined.models,
    rateLimit: { pauses: context.rateLimit.pauses, waitedMs: context.rateLimit.waitedMs },
    upstreamCap: sorts.some((capture) => capture.capped) ? context.fullPageAt : null,
    selection: context.selection,
    probes,
    router: routerReport(dependencies.router, router, joined),
  });
  if (failed) {
    throw new FetchFailedError(
      report,
      captures.flatMap((capture) => capture.failure ?? []),
    );
  }
  return { id: report.id, fetchedAt: report.finishedAt, models: ModelTable.from(joined.models), report };
}

/** The listing of the whole selection: its sorts, then, on a capped upstream, its covering partition. */
async function crawlSelection(
  plan: FetchPlan,
  context: CrawlContext,
): Promise<{ sorts: Capture[]; partition: PartitionOutcome | null }> {
  const crawlSort = (sort: HubSortKey) => crawlCapture(context, sort, sortRank(sort), { sort });
  const sorts = await Promise.all(plan.sorts.map(crawlSort));
  const hiddenCap = detectHiddenCap(sorts);
  if (hiddenCap !== null) context.fullPageAt = hiddenCap;
  const listingIsCapped = !sorts.some((capture) => capture.exhausted) && sorts.some((capture) => capture.capped);
  if (!listingIsCapped || plan.strategy === 'multi-sort') return { sorts, partition: null };
  const extraSorts = plan.strategy === 'auto' ? CAPPED_SORT_KEYS.filter((sort) => !plan.sorts.includes(sort)) : [];
  const [more, partition] = await Promise.all([
    Promise.all(extraSorts.map(crawlSort)),
    crawlPartitions(context, {
      sort: plan.sorts[0] ?? 'createdAt',
      firstRank: CAPPED_SORT_KEYS.length + plan.sorts.length,
    }),
  ]);
  return { sorts: orderForCappedView([...sorts, ...more]), partition };
}

/**
 * One page of each provider's own listing, sorted by `createdAt` (the key that never moves), for a selection of
 * several providers whose shared listing is not proven: a provider whose listing comes back whole is proven on its
 * own. With `all`, the providers probed are those the catalog's models name. Multi-sort asks nothing beyond its sorts.
 */
async function probeProviders(
  plan: FetchPlan,
  context: CrawlContext,
  sorts: readonly Capture[],
  partition: PartitionOutcome | null,
): Promise<Map<string, Capture>> {
  const { selection, accumulator } = context;
  if (!isShared(selection) || plan.strategy === 'multi-sort') return new Map();
  if (proveCompleteness({ sorts, partition, seenIds: accumulator.ids() }).proven) return new Map();
  const providers = probeOrder(selection === 'all' ? [...accumulator.providersSeen()] : selection, accumulator);
  const firstRank = CAPPED_SORT_KEYS.length + plan.sorts.length + (partition?.parts.length ?? 0) + 1;
  const probes = await Promise.all(
    providers.map((provider, i) =>
      crawlCapture(context, `provider ${provider}`, firstRank + i, { sort: 'createdAt' }, { provider }),
    ),
  );
  return new Map(probes.map((probe, i) => [providers[i]!, probe]));
}

/**
 * Providers with the fewest models seen first: the likeliest to fit in one page, so a request budget that runs out
 * midway has proven as many as it could.
 */
function probeOrder(providers: readonly string[], accumulator: ModelAccumulator): string[] {
  const seen = accumulator.liveCounts();
  return [...providers].sort((a, b) => (seen.get(a) ?? 0) - (seen.get(b) ?? 0) || compareIds(a, b));
}

interface RouterRead {
  listing: RouterListing | null;
  error: string | null;
  durationMs: number;
}

/**
 * Reads the router's listing, if there is one to read; a failure is an outcome, never a failed fetch. `abandon` stops
 * it when the fetch has no catalog to join it into.
 */
async function readRouter(
  dependencies: FetchDependencies,
  now: () => number,
  abandon: AbortSignal,
): Promise<RouterRead> {
  const router = dependencies.router;
  const startedAt = now();
  if (!router) return { listing: null, error: null, durationMs: 0 };
  const signal = dependencies.signal ? AbortSignal.any([dependencies.signal, abandon]) : abandon;
  try {
    const listing = await router.listModels({ signal });
    return { listing, error: null, durationMs: now() - startedAt };
  } catch (error) {
    if (abandon.aborted && !dependencies.signal?.aborted) {
      return { listing: null, error: 'not read: every capture failed', durationMs: now() - startedAt };
    }
    if (!isHubError(error)) throw error;
    dependencies.onRouterFailed?.(error);
    return { listing: null, error: `${error.name}: ${error.summary}`, durationMs: now() - startedAt };
  }
}

function routerReport(
  router: RouterClient | undefined,
  read: RouterRead,
  joined: { fromRouter: number; fromListing: number },
): RouterReport | null {
  if (!router) return null;
  return {
    endpoint: router.endpoint,
    ok: read.error === null,
    error: read.error,
    requests: read.listing?.requests ?? 0,
    pages: read.listing?.pages ?? 0,
    models: read.listing?.models.length ?? 0,
    joinedMappings: joined.fromRouter,
    listingMappings: joined.fromListing,
    durationMs: read.durationMs,
  };
}

/** What every capture of one fetch shares: the client, the limiter, the request budget, the rate-limit gate. */
function crawlContext(plan: FetchPlan, dependencies: FetchDependencies): CrawlContext {
  const selection = planProviders(plan);
  // An empty list would send no inference_provider at all: a crawl of the whole Hub.
  if (selection !== 'all' && selection.length === 0) throw new TypeError('a fetch plan needs at least one provider');
  const now = dependencies.now ?? Date.now;
  return {
    client: dependencies.client,
    selection,
    pageSize: plan.pageSize,
    expand: [...CATALOG_EXPAND_FIELDS, ...(plan.expand ?? DEFAULT_EXPANSIONS)],
    fullPageAt: plan.pageSize,
    limit: pLimit(plan.concurrency),
    budget: new RequestBudget(plan.maxRequests),
    rateLimit: new RateLimitGate(plan.concurrency, now, dependencies.sleep ?? abortableDelay(dependencies.signal)),
    accumulator: new ModelAccumulator(),
    now,
    onPage: dependencies.onPage,
    onCaptureFailed: dependencies.onCaptureFailed,
    signal: dependencies.signal,
  };
}

/** A rate-limit pause (up to a whole 5-minute Hub window) that ends, rejecting, when the fetch is aborted. */
function abortableDelay(signal: AbortSignal | undefined): (ms: number) => Promise<void> {
  return (ms) => delay(ms, undefined, signal === undefined ? {} : { signal });
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

function isHubError(error: unknown): error is HubHttpError | HubNetworkError | HubProtocolError {
  return error instanceof HubHttpError || error instanceof HubNetworkError || error instanceof HubProtocolError;
}
