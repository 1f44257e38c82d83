import cliProgress from 'cli-progress';
import type { PageEvent } from '../catalog/index.ts';

export interface FetchProgress {
  onPage: (event: PageEvent) => void;
  stop: () => void;
}

/**
 * A live bar on a terminal; one plain line per page otherwise, so CI logs and pipes stay readable. Both write to
 * stderr, keeping stdout for the report (and `--json`).
 */
export function createFetchProgress(stream: NodeJS.WriteStream = process.stderr): FetchProgress {
  if (!stream.isTTY) {
    return {
      onPage: (event) =>
        stream.write(
          `page ${event.page + 1} of ${event.capture}: ${event.items} items` +
            (event.hasNext ? ', more to come' : ', end') +
            ` · ${event.uniqueSoFar} unique · ${event.requestsSoFar} requests\n`,
        ),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'fetching {bar} {value} unique · {requests} requests · last: {capture} page {page}',
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onPage(event) {
      const payload = { requests: event.requestsSoFar, capture: event.capture, page: event.page + 1 };
      if (!started) {
        bar.start(Math.max(event.uniqueSoFar, 1), event.uniqueSoFar, payload);
        started = true;
      }
      bar.setTotal(Math.max(event.uniqueSoFar + (event.hasNext ? event.items : 0), 1));
      bar.update(event.uniqueSoFar, payload);
    },
    stop: () => started && bar.stop(),
  };
}
