import type { LimitFunction } from 'p-limit';
import {
  HubHttpError,
  HubNetworkError,
  HubProtocolError,
  type HubClient,
  type HubExpandField,
  type HubPage,
  type ListModelsQuery,
  type PageScheduler,
} from '../hub/index.ts';
import type { ModelAccumulator } from './merge.ts';
import { normalizeHubItem } from './normalize.ts';
import { isServedBy, listingProviders, type ProviderSelection } from './provider-selection.ts';
import type { RateLimitGate } from './rate-limit-gate.ts';
import type { RequestBudget } from './request-budget.ts';

/** What a progress display is told after each page. */
export interface PageEvent {
  capture: string;
  page: number;
  items: number;
  hasNext: boolean;
  /** A full first page with no cursor: the upstream hides whatever lies past it. */
  capped: boolean;
  /** Partition queries answered and planned so far (each one page, as the listing is capped); absent for sorts. */
  partition?: { answered: number; planned: number };
  rateLimitRemaining: number | null;
  durationMs: number;
  uniqueSoFar: number;
  requestsSoFar: number;
}

/** A capture that failed, with the whole error, for the operator's log; the report keeps only its summary. */
export interface CaptureFailure {
  capture: string;
  /** 1-based page the failure happened on. */
  page: number;
  error: HubHttpError | HubNetworkError | HubProtocolError;
}

export interface CrawlContext {
  client: HubClient;
  /** The providers whose live models the catalog keeps; their listing is what the captures ask for. */
  selection: ProviderSelection;
  pageSize: number;
  /** The `expand[]` fields every page asks for: the catalog's own and the plan's extra expansions. */
  expand: readonly HubExpandField[];
  /**
   * Items at which a first page without a cursor counts as full, i.e. capped rather than the whole listing: the page
   * size, unless the fetch found the upstream capping lower.
   */
  fullPageAt: number;
  /** Bounds requests in flight across all concurrent captures of a fetch. */
  limit: LimitFunction;
  budget: RequestBudget;
  rateLimit: RateLimitGate;
  accumulator: ModelAccumulator;
  now: () => number;
  onPage?: (event: PageEvent) => void;
  onCaptureFailed?: (failure: CaptureFailure) => void;
  signal?: AbortSignal;
}

/** One listing query followed to its end (or its cap), and what it saw. */
export interface Capture {
  name: string;
  query: ListModelsQuery;
  /** Ids of the models it returned that the catalog keeps (live with a selected provider), in the order returned. */
  ids: string[];
  pages: number;
  requests: number;
  returned: number;
  notLive: number;
  exhausted: boolean;
  capped: boolean;
  /**
   * Models this listing returned a second time: its sort key moved them across the cursor mid-crawl, so it may also
   * have skipped some, and its end proves nothing.
   */
  repeated: number;
  /** It stopped because the fetch's request budget ran out. */
  budgetStopped: boolean;
  durationMs: number;
  error: string | null;
  errorPage: number | null;
  /** The error behind `error`, for callers that explain it (the CLI names the host and the reason once). */
  failure?: HubHttpError | HubNetworkError | HubProtocolError;
}

/** Everything but the paging: which listing a capture asks for. */
export type CaptureQuery = Omit<ListModelsQuery, 'limit' | 'expand' | 'full' | 'inferenceProvider'>;

export interface CrawlOptions {
  /** The caller already set aside budget for the first request (a partition split reserves its whole family). */
  firstPageReserved?: boolean;
  /** Asks the listing of this one provider rather than the selection's (a provider's own probe). */
  provider?: string;
}

/**
 * Follows one listing's cursor to its end. Pages go through the shared limiter and each takes its request from the
 * budget before it is sent; a failure ends this capture only, and is recorded with the page it happened on.
 */
export async function crawlCapture(
  context: CrawlContext,
  name: string,
  rank: number,
  captureQuery: CaptureQuery,
  options: CrawlOptions = {},
): Promise<Capture> {
  const query = listingQuery(context, captureQuery, options.provider);
  const startedAt = context.now();
  const capture = emptyCapture(name, query);
  const schedule = gatedScheduler(context, capture, options.firstPageReserved ?? false);
  const seen = new Set<string>();
  try {
    for await (const page of context.client.listModels(query, { signal: context.signal, schedule })) {
      recordPage(context, capture, page, rank, seen);
    }
  } catch (error) {
    if (!isHubError(error)) throw error;
    recordFailure(context.budget, capture, error);
    context.onCaptureFailed?.({ capture: name, page: capture.errorPage ?? 1, error });
  }
  capture.durationMs = context.now() - startedAt;
  return capture;
}

function listingQuery(context: CrawlContext, captureQuery: CaptureQuery, provider?: string): ListModelsQuery {
  return {
    ...captureQuery,
    inferenceProvider: provider ?? listingProviders(context.selection),
    limit: context.pageSize,
    expand: [...context.expand],
  };
}

function emptyCapture(name: string, query: ListModelsQuery): Capture {
  return {
    name,
    query,
    ids: [],
    pages: 0,
    requests: 0,
    returned: 0,
    notLive: 0,
    exhausted: false,
    capped: false,
    repeated: 0,
    budgetStopped: false,
    durationMs: 0,
    error: null,
    errorPage: null,
  };
}

/**
 * Sends each page through the fetch's limiter, after taking its request from the budget and waiting out a paused
 * rate-limit window; when the budget has run out, sends nothing and marks the capture stopped.
 */
function gatedScheduler(context: CrawlContext, capture: Capture, firstPageReserved: boolean): PageScheduler {
  const { budget } = context;
  let reserved = firstPageReserved;
  return (send) => {
    const alreadyReserved = reserved;
    reserved = false;
    return context.limit(async () => {
      // Taken inside the limiter, so requests queued behind it cannot all pass the check before any is counted.
      if (!alreadyReserved && !budget.reserve(1)) {
        capture.budgetStopped = true;
        return null;
      }
      await context.rateLimit.wait();
      try {
        const page = await send();
        // Counted before the reservation is returned: in between, a queued request could take the same slot.
        budget.record(page.requests);
        return page;
      } finally {
        budget.release(1);
      }
    });
  };
}

/**
 * Sort keys a model keeps for life: a keyset cursor over one of them cannot meet a model twice (and no sort at all
 * orders by `_id`). Over the others (likes, downloads …) a model whose key moves mid-crawl can be met again.
 */
const STABLE_SORTS = new Set<string | undefined>(['createdAt', undefined]);

/**
 * Counts the page's models this listing already returned. Over a stable key a repeat is the upstream's fault: the page
 * is malformed, which ends the capture and its claim to have seen the whole listing.
 */
function countRepeats(capture: Capture, seen: Set<string>, page: HubPage): void {
  for (const [index, item] of page.items.entries()) {
    if (!seen.has(item.id)) continue;
    if (STABLE_SORTS.has(capture.query.sort)) {
      // The reason reaches API clients, so it names the item by position, never by the upstream's text.
      throw new HubProtocolError({
        url: page.url,
        pageIndex: page.index,
        itemIndex: index,
        reason:
          `item ${index} repeats a model an earlier page of this listing returned, ` +
          `which a cursor over ${capture.query.sort ?? '_id'} cannot do`,
      });
    }
    capture.repeated++;
  }
  for (const item of page.items) seen.add(item.id);
}

function recordPage(context: CrawlContext, capture: Capture, page: HubPage, rank: number, seen: Set<string>): void {
  const { accumulator } = context;
  countRepeats(capture, seen, page);
  context.rateLimit.observe(page.rateLimit);
  capture.requests += page.requests;
  capture.pages++;
  capture.returned += page.items.length;
  for (const item of page.items) {
    const model = normalizeHubItem(item, context.client.endpoint);
    if (!isServedBy(model, context.selection)) {
      capture.notLive++;
      continue;
    }
    capture.ids.push(model.id);
    accumulator.add(model, rank);
  }
  if (page.nextUrl === null) {
    // A first page that is full yet carries no cursor cannot tell "that was everything" from "the rest is hidden".
    const full = page.items.length >= context.fullPageAt;
    capture.capped = page.index === 0 && full;
    capture.exhausted = !capture.capped;
  }
  context.onPage?.({
    capture: capture.name,
    page: page.index,
    items: page.items.length,
    hasNext: page.nextUrl !== null,
    capped: capture.capped,
    rateLimitRemaining: page.rateLimit?.remaining ?? null,
    durationMs: page.durationMs,
    uniqueSoFar: accumulator.size,
    requestsSoFar: context.budget.spent,
  });
}

function recordFailure(budget: RequestBudget, capture: Capture, error: HubError): void {
  const failedRequests = error instanceof HubProtocolError ? 1 : error.attempts;
  budget.record(failedRequests);
  capture.requests += failedRequests;
  // The summary, not the message: the report reaches API clients, and must carry no URL or upstream text.
  capture.error = `${error.name} on page ${capture.pages + 1}: ${error.summary}`;
  capture.failure = error;
  capture.errorPage = capture.pages + 1;
}

type HubError = HubHttpError | HubNetworkError | HubProtocolError;

function isHubError(error: unknown): error is HubError {
  return error instanceof HubHttpError || error instanceof HubNetworkError || error instanceof HubProtocolError;
}
