import type { RedisClient } from './redis-client.ts';

export interface ChannelHandlers {
  /** A message arrived on the channel, as published; the receiver validates it. */
  onMessage(raw: string): void;
  /** The subscription is back after a disconnection: messages may have been missed, so catch up. */
  onResubscribed?(): void;
}

/** One channel heard: `subscribed` settles once its SUBSCRIBE is answered (or failed); `close` stops hearing it. */
export interface ChannelListener {
  readonly subscribed: Promise<void>;
  close(): void;
}

/**
 * Every channel a replica hears, over its one subscriber connection (SUBSCRIBE takes a connection over): the snapshot
 * publications and the update feed alike. A channel is subscribed while it has a listener. ioredis resubscribes after a
 * reconnection by itself; what was published meanwhile is caught up through `onResubscribed`.
 */
export class RedisSubscriptions {
  readonly #connection: RedisClient;
  readonly #channels = new Map<string, { handlers: Set<ChannelHandlers>; subscribed: Promise<void> }>();
  #readyOnce = false;

  constructor(connection: RedisClient) {
    this.#connection = connection;
    connection.on('message', (channel: string, message: string) => {
      for (const handlers of this.#channels.get(channel)?.handlers ?? []) handlers.onMessage(message);
    });
    connection.on('ready', () => {
      // The first ready is the first connection; any later one is a reconnection after which messages may be missing.
      if (this.#readyOnce) for (const handlers of this.#allHandlers()) handlers.onResubscribed?.();
      this.#readyOnce = true;
    });
    if (connection.status === 'ready') this.#readyOnce = true;
  }

  listen(channel: string, handlers: ChannelHandlers): ChannelListener {
    let heard = this.#channels.get(channel);
    if (heard === undefined) {
      // A failure is not fatal: ioredis subscribes again once it reconnects, and replicas catch up meanwhile.
      const subscribed = this.#connection.subscribe(channel).then(
        () => {},
        () => {},
      );
      heard = { handlers: new Set(), subscribed };
      this.#channels.set(channel, heard);
    }
    const { handlers: set, subscribed } = heard;
    set.add(handlers);
    return {
      subscribed,
      close: () => {
        if (!set.delete(handlers) || set.size > 0) return;
        this.#channels.delete(channel);
        this.#connection.unsubscribe(channel).catch(() => {});
      },
    };
  }

  *#allHandlers(): Iterable<ChannelHandlers> {
    for (const { handlers } of this.#channels.values()) yield* handlers;
  }
}
