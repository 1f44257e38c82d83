import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** One Server-Sent Event as an EventSource dispatches it. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * A GraphQL subscription read the way `EventSource` reads it: a GET with `Accept: text/event-stream`, parsed by the
 * event-stream rules (`event:` and `data:` lines, a blank line dispatches, `:` lines are comments).
 */
export class EventStreamReader {
  private readonly queue: ServerSentEvent[] = [];
  private waiting: ((event: ServerSentEvent) => void) | null = null;
  private readonly abort = new AbortController();

  private finish: (completed: boolean) => void = () => {};
  private readonly end = new Promise<boolean>((resolve) => (this.finish = resolve));
  private completed = false;

  private constructor() {}

  /** Opens the stream and resolves once the server has sent its first bytes (Yoga's opening ping). */
  static async open<TData, TVariables>(
    url: string,
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<EventStreamReader> {
    const reader = new EventStreamReader();
    const target = new URL(url);
    target.searchParams.set('query', print(document));
    if (variables) target.searchParams.set('variables', JSON.stringify(variables));
    const response = await fetch(target, { headers: { accept: 'text/event-stream' }, signal: reader.abort.signal });
    if (!response.ok || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      throw new Error(`not an event stream: ${response.status} ${response.headers.get('content-type')}`);
    }
    const opened = new Promise<void>((resolve) => {
      reader.onComment = resolve;
    });
    void reader.pump(response.body!);
    await opened;
    return reader;
  }

  private onComment: () => void = () => {};

  /** Resolves when the server ends the stream: true if it said `event: complete` first. */
  ended(): Promise<boolean> {
    return this.end;
  }

  /** The next `event: next` message's data, parsed. */
  async next<T>(): Promise<T> {
    for (;;) {
      const event = this.queue.shift() ?? (await new Promise<ServerSentEvent>((resolve) => (this.waiting = resolve)));
      if (event.event === 'next') return JSON.parse(event.data) as T;
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    let event = { event: 'message', data: [] as string[] };
    const stream = body.getReader();
    try {
      for (let read = await stream.read(); !read.done; read = await stream.read()) {
        buffered += decoder.decode(read.value, { stream: true });
        let newline: number;
        while ((newline = buffered.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + (buffered.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (event.data.length > 0) this.dispatch({ event: event.event, data: event.data.join('\n') });
            event = { event: 'message', data: [] };
          } else if (line.startsWith(':')) {
            this.onComment();
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event.event = value;
            if (field === 'data') event.data.push(value);
          }
        }
      }
    } catch {
      // Closed by the test.
    }
    this.finish(this.completed);
  }

  private dispatch(event: ServerSentEvent): void {
    if (event.event === 'complete') this.completed = true;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting(event);
    else this.queue.push(event);
  }
}
