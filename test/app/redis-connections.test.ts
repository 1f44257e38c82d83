import { describe, expect, it } from 'vitest';
import { listen } from '../../src/app/index.ts';
import { print } from 'graphql';
import { CatalogReadinessDocument, CatalogUpdatedDocument } from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor } from '../support/graphql.ts';
import { useOwnRedis } from '../support/redis-server.ts';
import { EventStreamReader } from '../support/sse.ts';

/** The connections Redis sees, by client address, other than the test's own (`CLIENT LIST` runs on it). */
async function appConnections(client: ReturnType<ReturnType<typeof useOwnRedis>['client']>): Promise<string[]> {
  const own = await client.client('ID');
  const lines = ((await client.client('LIST')) as string).trim().split('\n');
  return lines.filter((line) => !line.startsWith(`id=${own} `)).map((line) => /cmd=(\S+)/.exec(line)?.[1] ?? '?');
}

describe("a replica's Redis connections", () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const redis = useOwnRedis();

  it('are two, one for commands and one for every subscription, while it fetches, publishes, counts and streams', async () => {
    const app = appFor(emulator.url, {}, {}, { HUBCAT_CACHE_URL: redis.url, HUBCAT_RATE_LIMIT: '100' });
    const server = await listen(app, 0, '127.0.0.1');
    // A query through the rate limit (a counter in Redis), a fetch that publishes a snapshot and records its history,
    // and an open subscription to the update feed: every part that uses Redis has used it.
    const answer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(CatalogReadinessDocument) }),
    });
    expect(answer.headers.get('ratelimit')).toMatch(/r=99;/);
    const reader = await EventStreamReader.open(`${server.url}/graphql`, CatalogUpdatedDocument);
    await app.catalog.refresh();
    await reader.next();
    await app.live.updates.settled();

    const inspector = redis.client();
    const commands = await appConnections(inspector);
    reader.close();
    await server.close();
    const afterClose = await appConnections(inspector);

    expect(commands).toHaveLength(2);
    expect(commands.filter((command) => command === 'subscribe' || command === 'psubscribe')).toHaveLength(1);
    expect(afterClose).toEqual([]);
  });
});
