import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { CatalogCache } from '../store/index.ts';
import { snapshotResponseCache } from './response-cache.ts';

export interface PerformanceOptions {
  catalog: CatalogCache;
  /** Serve repeated queries from whole cached responses (see `snapshotResponseCache`). */
  responseCache: boolean;
  /** JSON the response cache may hold. */
  responseCacheBytes?: number;
}

/**
 * What makes a query cost little more than Yoga's own request handling: operations compiled once into plain
 * JavaScript (graphql-jit) instead of interpreted per request, and, when enabled, whole responses cached per snapshot.
 * The cache comes after the compiler: it wraps whichever execute function is in place when it runs.
 */
export function performancePlugins(options: PerformanceOptions): (Plugin | ReturnType<typeof useGraphQlJit>)[] {
  const plugins: (Plugin | ReturnType<typeof useGraphQlJit>)[] = [useGraphQlJit()];
  if (options.responseCache) plugins.push(snapshotResponseCache(options.catalog, options.responseCacheBytes));
  return plugins;
}
