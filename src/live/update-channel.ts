import { createPubSub, Repeater } from 'graphql-yoga';
import type { CatalogUpdate } from '../catalog/index.ts';
import { catalogUpdateSchema, type RedisConnections } from '../store/index.ts';

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
}

type Topics = Record<string, [CatalogUpdate]>;

/** One topic per catalog, so catalogs sharing a Redis (other fetch plans, other upstreams) do not hear each other. */
export function updateTopic(catalogKey: string): string {
  return `hubcat:catalog-updated:{${catalogKey}}`;
}

/** In Redis, given the app's connections (every replica hears every update), else in this process. */
export function createUpdateChannel(options: { redis?: RedisConnections; catalogKey: string }): UpdateChannel {
  const ending = endable();
  const channel = options.redis
    ? redisChannel(options.redis, updateTopic(options.catalogKey))
    : memoryChannel(updateTopic(options.catalogKey));
  return {
    ...channel,
    subscribe: () => ending.until(channel.subscribe()),
    endSubscriptions: ending.end,
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
  };
}

function redisChannel(redis: RedisConnections, topic: string): Channel {
  return {
    kind: 'redis',
    publish: async (update) => {
      await redis.commands.publish(topic, JSON.stringify(update));
    },
    subscribe: () =>
      new Repeater<CatalogUpdate>(async (push, stop) => {
        const listener = redis.subscriptions.listen(topic, {
          onMessage: (raw) => {
            // What another replica published is checked like anything else read from Redis; garbage is dropped.
            const parsed = catalogUpdateSchema.safeParse(parseOrNull(raw));
            if (parsed.success) void push(parsed.data);
          },
        });
        await stop;
        listener.close();
      }),
  };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
