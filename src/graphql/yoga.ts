import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { QualityBar } from '../query/index.ts';
import type { CatalogCache } from '../store/index.ts';
import type { GraphQLContext } from './context.ts';
import { maskError } from './errors.ts';
import { performancePlugins } from './performance.ts';
import { schema } from './schema/index.ts';

export interface HubcatServerOptions {
  catalog: CatalogCache;
  qualityBar: QualityBar;
  graphiql?: boolean;
  logging?: boolean;
  /** Cache whole responses per snapshot (default true). */
  responseCache?: boolean;
}

export type HubcatYoga = YogaServerInstance<Record<string, never>, GraphQLContext>;

/** The configured Yoga instance; starting it on a port is the CLI's job. */
export function createHubcatYoga(options: HubcatServerOptions): HubcatYoga {
  return createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphiql: options.graphiql ?? true,
    logging: options.logging ?? false,
    maskedErrors: { maskError },
    context: () => ({ catalog: options.catalog, qualityBar: options.qualityBar }),
    plugins: performancePlugins({ catalog: options.catalog, responseCache: options.responseCache ?? true }),
  });
}
