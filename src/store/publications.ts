import { duplicateConnection, type RedisClient } from './redis-client.ts';

export interface PublicationHandlers {
  /** A publish message arrived: the new pointer's text, to be validated by the receiver. */
  onMessage(raw: string): void;
  /** The subscription is back after a disconnection: messages may have been missed, so catch up. */
  onResubscribed(): void;
}

/**
 * Hears every publish of the catalog on its own connection (SUBSCRIBE takes one over), so a replica adopts a new
 * snapshot as soon as it is announced instead of polling. ioredis resubscribes after a reconnection by itself; what
 * was published meanwhile is caught up through `onResubscribed`.
 */
export class PublicationListener {
  /** Settles once the first SUBSCRIBE is answered (or failed): from then on no publish goes unheard. */
  readonly subscribed: Promise<void>;
  readonly #connection: RedisClient;
  #connectedOnce = false;

  constructor(redis: RedisClient, channel: string, handlers: PublicationHandlers) {
    this.#connection = duplicateConnection(redis);
    this.#connection.on('message', (received: string, message: string) => {
      if (received === channel) handlers.onMessage(message);
    });
    this.#connection.on('ready', () => {
      if (this.#connectedOnce) handlers.onResubscribed();
      this.#connectedOnce = true;
    });
    // A failure here is not fatal: until the subscription is up, replicas catch up on their stale checks.
    this.subscribed = this.#connection.subscribe(channel).then(
      () => {},
      () => {},
    );
  }

  close(): void {
    this.#connection.disconnect();
  }
}
