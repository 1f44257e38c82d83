import { beforeEach, describe, expect, it } from 'vitest';
import { ProvidersDocument, RoutableModelsDocument } from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';
import { useOwnRedis } from '../support/redis-server.ts';

const EVERY_PROVIDER = { providers: 'all', strategy: 'auto', sorts: 'createdAt' };
const ROUTABLE = { providers: null, providerStatus: null, first: 500, after: null };

describe('a catalog of every provider, shared through Redis', () => {
  const emulator = useEmulator({ preset: 'providers-2025-11' });
  const redis = useOwnRedis();
  beforeEach(async () => {
    await redis.client().flushall();
  });

  it('reaches a second replica with its provider reports, router report and mapping figures intact', async () => {
    const fetcher = appFor(emulator.url, { ...EVERY_PROVIDER, cacheUrl: redis.url, replicaId: 'fetcher' });
    const fetched = {
      providers: await query(fetcher, ProvidersDocument),
      models: await query(fetcher, RoutableModelsDocument, ROUTABLE),
    };
    await fetcher.close();
    emulator.resetLog();

    const replica = appFor(emulator.url, { ...EVERY_PROVIDER, cacheUrl: redis.url, replicaId: 'replica' });
    try {
      const adopted = {
        providers: await query(replica, ProvidersDocument),
        models: await query(replica, RoutableModelsDocument, ROUTABLE),
      };
      expect(emulator.requests).toEqual([]);
      expect(fetched.providers.providers.length).toBeGreaterThan(1);
      expect(fetched.providers.fetchReport?.router?.joinedMappings).toBeGreaterThan(0);
      const figures = fetched.models.models.nodes.flatMap((node) => node.providers).filter((p) => p.detailsSource);
      expect(figures.length).toBeGreaterThan(0);
      expect(adopted).toEqual(fetched);
    } finally {
      await replica.close();
    }
  });
});
