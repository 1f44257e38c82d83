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
  rateLimitRemaining: number | null;
  durationMs: number;
  uniqueSoFar: number;
  requestsSoFar: number;
}

export interface CrawlContext {
  client: HubClient;
  provider: string;
  pageSize: number;
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
}

/** Everything but the paging: which listing a capture asks for. */
export type CaptureQuery = Omit<ListModelsQuery, 'limit' | 'expand' | 'full' | 'inferenceProvider'>;

/**
 * Follows one listing's cursor to its end. Pages go through the shared limiter; a failure ends this capture only,
 * and is recorded with the page it happened on.
 */
export async function crawlCapture(context: CrawlContext, name: string, rank: number, captureQuery: CaptureQuery): Promise<Capture> {
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
  try {
    while (url !== null) {
      if (budget.exhausted) {
        capture.budgetStopped = true;
        break;
      }
      const pageUrl: string = url;
      const page = await context.limit(async () => {
        await context.rateLimit.wait();
        return client.fetchPage(pageUrl, capture.pages, { signal: context.signal });
      });
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
        const full = page.items.length >= context.pageSize;
        capture.capped = page.index === 0 && full;
        capture.exhausted = !capture.capped;
      }
      url = page.nextUrl;
      context.onPage?.({
        capture: name,
        page: page.index,
        items: page.items.length,
        hasNext: page.nextUrl !== null,
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
    capture.errorPage = capture.pages + 1;
  }
  capture.durationMs = context.now() - startedAt;
  return capture;
}

function isHubError(error: unknown): error is HubHttpError | HubNetworkError | HubProtocolError {
  return error instanceof HubHttpError || error instanceof HubNetworkError || error instanceof HubProtocolError;
}
