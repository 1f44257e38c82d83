import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, filter, pipe, Repeater, type PubSubEvent } from 'graphql-yoga';
import type { CatalogUpdate } from '../catalog/index.ts';
import {
  catalogUpdateSchema,
  closeRedis,
  redisCommandConnection,
  redisSubscriberConnection,
  type CacheMode,
  type RedisClient,
} from '../store/index.ts';

/** Carries each catalog update to every subscriber: of this process, or of every replica through Redis pub/sub. */
export interface UpdateChannel {
  readonly kind: 'memory' | 'redis';
  publish(update: CatalogUpdate): Promise<void>;
  subscribe(): AsyncIterable<CatalogUpdate>;
  /**
   * Completes every open subscription (and any opened later), so a server shutting down is not held open by
   * subscribers who would otherwise stay connected for ever.
   */
  endSubscriptions(): void;
  close(): Promise<void>;
}

type Topics = Record<string, [CatalogUpdate]>;

/** One topic per catalog, so catalogs sharing a Redis (other fetch plans, other upstreams) do not hear each other. */
export function updateTopic(catalogKey: string): string {
  return `hubcat:catalog-updated:{${catalogKey}}`;
}

export function createUpdateChannel(options: {
  cacheUrl?: string;
  cacheMode: CacheMode;
  catalogKey: string;
}): UpdateChannel {
  const ending = endable();
  const channel = options.cacheUrl
    ? redisChannel(options.cacheUrl, options.cacheMode, updateTopic(options.catalogKey))
    : memoryChannel(updateTopic(options.catalogKey));
  return {
    ...channel,
    subscribe: () => ending.until(channel.subscribe()),
    endSubscriptions: ending.end,
    close: async () => {
      ending.end();
      await channel.close();
    },
  };
}

type Channel = Omit<UpdateChannel, 'endSubscriptions'>;

/** Streams that complete together, at once, when `end` is called. */
function endable() {
  let end: () => void = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  // One stopper per stream: a race returns every iterator it holds when it ends, so a shared one would end them all.
  const stopper = () =>
    new Repeater<never>(async (_push, stop) => {
      await Promise.race([ended, stop]);
      stop();
    });
  return { end: () => end(), until: <T>(source: AsyncIterable<T>) => Repeater.race([source, stopper()]) };
}

function memoryChannel(topic: string): Channel {
  const pubsub = createPubSub<Topics>();
  return {
    kind: 'memory',
    publish: (update) => {
      pubsub.publish(topic, update);
      return Promise.resolve();
    },
    subscribe: () => pubsub.subscribe(topic),
    close: () => Promise.resolve(),
  };
}

function redisChannel(cacheUrl: string, mode: CacheMode, topic: string): Channel {
  const publishClient = redisCommandConnection(cacheUrl, mode);
  const subscribeClient = quietSubscriptions(redisSubscriberConnection(cacheUrl, mode));
  const pubsub = createPubSub<Topics>({
    eventTarget: createRedisEventTarget<PubSubEvent<Topics, string>>({
      publishClient,
      subscribeClient,
      // The event target parses in ioredis's message handler, where a throw would escape; garbage becomes null here
      // and is dropped by the validation below.
      serializer: { stringify: JSON.stringify, parse: parseOrNull },
    }),
  });
  return {
    kind: 'redis',
    // Published directly rather than through the event target, which does not await (or catch) the PUBLISH.
    publish: async (update) => {
      await publishClient.publish(topic, JSON.stringify(update));
    },
    subscribe: () =>
      pipe(
        pubsub.subscribe(topic),
        filter((message: unknown): message is CatalogUpdate => catalogUpdateSchema.safeParse(message).success),
      ),
    close: async () => {
      await Promise.all([closeRedis(publishClient), closeRedis(subscribeClient)]);
    },
  };
}

/**
 * The event target neither awaits nor catches SUBSCRIBE and UNSUBSCRIBE; one that fails (Redis gone, or the client
 * closed while a subscriber leaves) must not become an unhandled rejection that ends the process. ioredis subscribes
 * again by itself once it reconnects.
 */
function quietSubscriptions(redis: RedisClient): RedisClient {
  return new Proxy(redis, {
    get: (target, property, receiver) => {
      if (property !== 'subscribe' && property !== 'unsubscribe')
        return Reflect.get(target, property, receiver) as unknown;
      return (...channels: string[]) => target[property](...channels).catch(() => 0);
    },
  });
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
