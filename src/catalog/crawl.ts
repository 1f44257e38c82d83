import type { LimitFunction } from 'p-limit';
import { HubHttpError, HubNetworkError, HubProtocolError, type HubClient, type ListModelsQuery } from '../hub/index.ts';
import type { ModelAccumulator } from './merge.ts';
import { CATALOG_EXPAND_FIELDS, isLiveFor, normalizeHubItem } from './normalize.ts';
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

export interface CrawlContext {
  client: HubClient;
  provider: string;
  pageSize: number;
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
  signal?: AbortSignal;
}

/** One listing query followed to its end (or its cap), and what it saw. */
export interface Capture {
  name: string;
  query: ListModelsQuery;
  /** Ids of the live models it returned, in the order returned. */
  ids: string[];
  pages: number;
  requests: number;
  returned: number;
  notLive: number;
  exhausted: boolean;
  capped: boolean;
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
  const { client, budget, accumulator } = context;
  const query: ListModelsQuery = {
    ...captureQuery,
    inferenceProvider: context.provider,
    limit: context.pageSize,
    expand: [...CATALOG_EXPAND_FIELDS],
  };
  const startedAt = context.now();
  const capture: Capture = {
    name,
    query,
    ids: [],
    pages: 0,
    requests: 0,
    returned: 0,
    notLive: 0,
    exhausted: false,
    capped: false,
    budgetStopped: false,
    durationMs: 0,
    error: null,
    errorPage: null,
  };
  let url: string | null = client.buildListUrl(query);
  const visited = new Set<string>();
  let reserved = options.firstPageReserved ?? false;
  try {
    while (url !== null) {
      if (visited.has(url))
        throw new HubProtocolError({
          url,
          pageIndex: capture.pages,
          reason: 'the next link repeats a page already fetched',
        });
      visited.add(url);
      const pageUrl: string = url;
      const alreadyReserved = reserved;
      reserved = false;
      const page = await context.limit(async () => {
        // Taken inside the limiter, so requests queued behind it cannot all pass the check before any is counted.
        if (!alreadyReserved && !budget.reserve(1)) return null;
        await context.rateLimit.wait();
        try {
          return await client.fetchPage(pageUrl, capture.pages, { signal: context.signal });
        } finally {
          budget.release(1);
        }
      });
      if (page === null) {
        capture.budgetStopped = true;
        break;
      }
      context.rateLimit.observe(page.rateLimit);
      budget.record(page.requests);
      capture.requests += page.requests;
      capture.pages++;
      capture.returned += page.items.length;
      for (const item of page.items) {
        const model = normalizeHubItem(item, client.endpoint);
        if (!isLiveFor(model, context.provider)) {
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
      url = page.nextUrl;
      context.onPage?.({
        capture: name,
        page: page.index,
        items: page.items.length,
        hasNext: page.nextUrl !== null,
        capped: capture.capped,
        rateLimitRemaining: page.rateLimit?.remaining ?? null,
        durationMs: page.durationMs,
        uniqueSoFar: accumulator.size,
        requestsSoFar: budget.spent,
      });
    }
  } catch (error) {
    if (!isHubError(error)) throw error;
    const failedRequests = error instanceof HubProtocolError ? 1 : error.attempts;
    budget.record(failedRequests);
    capture.requests += failedRequests;
    capture.error = `${error.name} on page ${capture.pages + 1}: ${error.message}`;
    capture.failure = error;
    capture.errorPage = capture.pages + 1;
  }
  capture.durationMs = context.now() - startedAt;
  return capture;
}

function isHubError(error: unknown): error is HubHttpError | HubNetworkError | HubProtocolError {
  return error instanceof HubHttpError || error instanceof HubNetworkError || error instanceof HubProtocolError;
}
