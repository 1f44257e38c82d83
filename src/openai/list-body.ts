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
  return new control.ReadableStream(new ListSource(first, rest, control), { highWaterMark: 1 });
}

class ListSource implements UnderlyingDefaultSource<Uint8Array> {
  readonly #encoder = new TextEncoder();
  /** Null once the client went away or was cut off: what is left is never read, and the snapshot is let go. */
  #pages: Iterator<ModelPage> | null;
  #firstId: string | null = null;
  #lastId: string | null = null;
  #wrote = false;
  #stall: NodeJS.Timeout | undefined;

  constructor(
    private readonly first: ModelPage,
    rest: Iterator<ModelPage>,
    private readonly control: StreamControl,
  ) {
    this.#pages = rest;
  }

  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    controller.enqueue(this.#encoder.encode(`{"object":"list","total":${this.first.totalCount},"data":[`));
    this.#write(controller, this.first);
    this.control.signal.addEventListener('abort', this.cancel, { once: true });
  }

  pull(controller: ReadableStreamDefaultController<Uint8Array>): void {
    clearTimeout(this.#stall);
    // A list cut short ends without its closing bracket: no client can take it for the whole list.
    if (this.#pages === null) {
      controller.close();
      return;
    }
    const next = this.#pages.next();
    if (!next.done) {
      this.#write(controller, next.value);
      return;
    }
    this.cancel();
    const [first, last] = [JSON.stringify(this.#firstId), JSON.stringify(this.#lastId)];
    controller.enqueue(this.#encoder.encode(`],"first_id":${first},"last_id":${last},"has_more":false}`));
    controller.close();
  }

  readonly cancel = (): void => {
    clearTimeout(this.#stall);
    this.#pages = null;
  };

  #write(controller: ReadableStreamDefaultController<Uint8Array>, page: ModelPage): void {
    if (page.nodes.length > 0) {
      this.#firstId ??= page.nodes[0]!.id;
      this.#lastId = page.nodes.at(-1)!.id;
      controller.enqueue(this.#encoder.encode(`${this.#wrote ? ',' : ''}${items(page)}`));
      this.#wrote = true;
    }
    this.#stall = setTimeout(() => {
      this.cancel();
      this.control.dropConnection();
      controller.close();
    }, this.control.stallTimeoutMs).unref();
  }
}
