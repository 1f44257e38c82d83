import cliProgress from 'cli-progress';
import type { PageEvent } from '../catalog/index.ts';
import type { RetryEvent } from '../hub/index.ts';
import { count, decimal, plural } from './format.ts';
import { retryLine } from './upstream-messages.ts';

export interface FetchProgress {
  onPage: (event: PageEvent) => void;
  onRetry: (event: RetryEvent) => void;
  stop: () => void;
}

/** What the live line shows: how far the fetch got, the last page, and a retry being waited out. */
export interface ProgressState {
  models: number;
  requests: number;
  last: string | null;
  partition: { answered: number; planned: number } | null;
  retry: string | null;
}

/**
 * The live line. The Hub never says how many models a listing holds, so until something countable is planned it shows
 * counts and a rate; once a covering partition is planned (a known number of one-page queries), a bar over it.
 */
export function progressLine(state: ProgressState, elapsedMs: number, bar: (ratio: number) => string): string {
  const totals = `${plural(state.models, 'model')} · ${plural(state.requests, 'request')}`;
  const { partition } = state;
  const head =
    partition !== null && partition.planned > 0
      ? `partition ${bar(Math.min(1, partition.answered / partition.planned))} ` +
        `${count(partition.answered)}/${count(partition.planned)} queries · ${totals}`
      : `fetching · ${totals} · ${count(Math.round(state.models / Math.max(elapsedMs / 1000, 0.001)))} models/s` +
        (state.last === null ? '' : ` · last: ${state.last}`);
  return state.retry === null ? head : `${head} · waiting to retry: ${state.retry}`;
}

/** The line written for each page when stderr is not a terminal. */
export function pageLine(event: PageEvent): string {
  const end = event.hasNext ? 'more to come' : event.capped ? 'capped (full page, no cursor)' : 'end of listing';
  const part = event.partition
    ? ` · partition ${count(event.partition.answered)}/${count(event.partition.planned)}`
    : '';
  return (
    `page ${event.page + 1} of ${event.capture}: ${plural(event.items, 'item')}, ${end} · ` +
    `${count(event.uniqueSoFar)} unique · ${plural(event.requestsSoFar, 'request')}${part}`
  );
}

/**
 * A live line on a terminal; one plain line per page and per retry otherwise, so CI logs and pipes stay readable.
 * Both write to stderr, keeping stdout for the report (and `--json`).
 */
export function createFetchProgress(maxAttempts: number, stream: NodeJS.WriteStream = process.stderr): FetchProgress {
  if (!stream.isTTY) {
    return {
      onPage: (event) => stream.write(`${pageLine(event)}\n`),
      onRetry: (event) => stream.write(`${retryLine(event, maxAttempts)}\n`),
      stop: () => {},
    };
  }
  return liveProgress(maxAttempts, stream);
}

function liveProgress(maxAttempts: number, stream: NodeJS.WriteStream): FetchProgress {
  const state: ProgressState = { models: 0, requests: 0, last: null, partition: null, retry: null };
  // A MultiBar of one, for its log(): retry lines scroll above the live line instead of being drawn over.
  const bars = new cliProgress.MultiBar({
    stream,
    clearOnComplete: true,
    hideCursor: true,
    barsize: 24,
    format: (options, params) =>
      progressLine(state, Date.now() - params.startTime, (ratio) => cliProgress.Format.BarFormat(ratio, options)),
  });
  const bar = bars.create(1, 0);
  const redraw = () => bar.update(state.partition?.answered ?? 0);
  return {
    onPage(event) {
      state.models = event.uniqueSoFar;
      state.requests = event.requestsSoFar;
      state.last = `${event.capture} page ${count(event.page + 1)}`;
      state.partition = event.partition ?? state.partition;
      state.retry = null;
      if (state.partition) bar.setTotal(Math.max(state.partition.planned, 1));
      redraw();
    },
    onRetry(event) {
      state.retry = `attempt ${event.attempt + 1} of ${maxAttempts} in ${decimal(event.waitMs / 1000)} s`;
      bars.log(`${retryLine(event, maxAttempts)}\n`);
      redraw();
    },
    stop: () => bars.stop(),
  };
}
