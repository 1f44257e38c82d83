import type { ModelPage } from '../query/index.ts';
import { openAIModel } from './model-object.ts';

/** How long a client may leave the streamed list unread before it is cut off (and the snapshot it holds let go). */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

const ids = (page: ModelPage) => ({ first: page.nodes[0]?.id ?? null, last: page.nodes.at(-1)?.id ?? null });
const items = (page: ModelPage) => page.nodes.map((model) => JSON.stringify(openAIModel(model))).join(',');

/** One page, `limit`/`after` style: OpenAI's cursor-list shape with hubcat's `total` of every match. */
export function pageBody(page: ModelPage): string {
  const { first, last } = ids(page);
  return (
    `{"object":"list","total":${page.totalCount},"data":[${items(page)}],` +
    `"first_id":${JSON.stringify(first)},"last_id":${JSON.stringify(last)},"has_more":${page.pageInfo.hasNextPage}}`
  );
}

export interface StreamControl {
  ReadableStream: typeof ReadableStream;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  stallTimeoutMs: number;
  /** Drops the connection, so a client cut off for stalling sees a broken response rather than a short one. */
  dropConnection: () => void;
}

/**
 * The whole list as a stream, one engine page per chunk, written only as fast as the client reads (the HTTP layer
 * waits for the socket to drain before pulling again): memory stays at a page whatever the list's length. `first` is
 * computed before the response starts, so its errors are answered as such, and gives the total.
 */
export function listStream(first: ModelPage, rest: Iterator<ModelPage>, control: StreamControl): ReadableStream {
  const encoder = new TextEncoder();
  /** Null once the client went away or was cut off: what is left is never read, and the snapshot is let go. */
  let pages: Iterator<ModelPage> | null = rest;
  let firstId: string | null = null;
  let lastId: string | null = null;
  let wrote = false;
  let stall: NodeJS.Timeout | undefined;
  const release = () => {
    clearTimeout(stall);
    pages = null;
  };
  const write = (controller: ReadableStreamDefaultController, page: ModelPage) => {
    if (page.nodes.length > 0) {
      firstId ??= page.nodes[0]!.id;
      lastId = page.nodes.at(-1)!.id;
      controller.enqueue(encoder.encode(`${wrote ? ',' : ''}${items(page)}`));
      wrote = true;
    }
    stall = setTimeout(() => {
      release();
      control.dropConnection();
      controller.close();
    }, control.stallTimeoutMs).unref();
  };
  return new control.ReadableStream(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`{"object":"list","total":${first.totalCount},"data":[`));
        write(controller, first);
        control.signal.addEventListener('abort', release, { once: true });
      },
      pull(controller) {
        clearTimeout(stall);
        // A list cut short ends without its closing bracket: no client can take it for the whole list.
        if (pages === null) {
          controller.close();
          return;
        }
        const next = pages.next();
        if (!next.done) {
          write(controller, next.value);
          return;
        }
        release();
        const tail = `],"first_id":${JSON.stringify(firstId)},"last_id":${JSON.stringify(lastId)},"has_more":false}`;
        controller.enqueue(encoder.encode(tail));
        controller.close();
      },
      cancel: release,
    },
    { highWaterMark: 1 },
  );
}
