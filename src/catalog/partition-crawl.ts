import { crawlCapture, type Capture, type CrawlContext } from './crawl.ts';
import { describePart, refine, searchOf, type PartFilters } from './partition-plan.ts';
import type { HubSortKey } from '../hub/index.ts';

/** One partition query and what became of it. */
export interface PartCapture {
  capture: Capture;
  filters: PartFilters;
  path: number[];
  splitBy: string;
  refined: boolean;
}

export interface PartitionOutcome {
  parts: PartCapture[];
  /** Full or failed queries left unsplit, and ids a split could not cover; each a sentence. */
  uncovered: string[];
  /** Ids that a split left to chance; they count as covered only if some capture saw them. */
  unmatchableIds: string[];
}

export interface PartitionOptions {
  /** Sort of every partition query; any works, since a short answer lists everything it matches. */
  sort: HubSortKey;
  /** Rank of the first part in the merge, after the sorts. */
  firstRank: number;
}

/**
 * Crawls a covering partition of the whole listing, whose unfiltered query is known to come back full: splits the
 * root, queries each child, and splits again every child that comes back full, while the request budget allows.
 */
export async function crawlPartitions(context: CrawlContext, options: PartitionOptions): Promise<PartitionOutcome> {
  const outcome: PartitionOutcome = { parts: [], uncovered: [], unmatchableIds: [] };
  let nextRank = options.firstRank;
  const progress = { answered: 0, planned: 0 };
  const partContext = withPartitionProgress(context, progress);

  const splitFull = async (filters: PartFilters, path: number[]): Promise<void> => {
    const refinement = refine(filters);
    if (refinement.kind === 'exhausted') {
      outcome.uncovered.push(`${describePart(filters)} came back full and ${refinement.reason}`);
      return;
    }
    if (!context.budget.reserve(refinement.children.length)) {
      outcome.uncovered.push(
        `${describePart(filters)} came back full; splitting it by ${refinement.by} ` +
          `needs ${refinement.children.length} requests, beyond the request budget`,
      );
      return;
    }
    progress.planned += refinement.children.length;
    if (refinement.uncoveredId) outcome.unmatchableIds.push(refinement.uncoveredId);
    await Promise.all(
      refinement.children.map((child, index) => crawlPart(withSeenSpelling(child), [...path, index], refinement.by)),
    );
  };

  const crawlPart = async (filters: PartFilters, path: number[], splitBy: string): Promise<void> => {
    const capture = await crawlCapture(
      partContext,
      `part ${describePart(filters)}`,
      nextRank++,
      { sort: options.sort, gated: filters.gated, author: filters.author, search: searchOf(filters) },
      { firstPageReserved: true },
    );
    const part: PartCapture = { capture, filters, path, splitBy, refined: false };
    outcome.parts.push(part);
    if (capture.error !== null) {
      outcome.uncovered.push(`${describePart(filters)} failed: ${capture.error}`);
    } else if (capture.budgetStopped) {
      outcome.uncovered.push(`${describePart(filters)} was not fetched: the request budget ran out`);
    } else if (!capture.exhausted) {
      part.refined = true;
      await splitFull(filters, path);
    }
  };

  // The exact-owner query asks for the owner as seen, so it holds even if the Hub's author filter minds case.
  const withSeenSpelling = (filters: PartFilters): PartFilters =>
    filters.author === undefined
      ? filters
      : { ...filters, author: context.accumulator.spellingOf(filters.author) ?? filters.author };

  await splitFull({ ownerSuffix: '', namePrefix: '' }, []);
  return outcome;
}

/** Page events of partition queries say how many parts answered of how many planned so far. */
function withPartitionProgress(context: CrawlContext, progress: { answered: number; planned: number }): CrawlContext {
  const onPage = context.onPage;
  if (!onPage) return context;
  // Each part is one page (the listing is capped), so pages answered over parts planned is a bar that can fill.
  return {
    ...context,
    onPage: (event) => onPage({ ...event, partition: { ...progress, answered: ++progress.answered } }),
  };
}
