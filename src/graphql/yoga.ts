import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { QualityBar } from '../query/index.ts';
import type { CatalogCache } from '../store/index.ts';
import type { GraphQLContext } from './context.ts';
import { maskError } from './errors.ts';
import { schema } from './schema/index.ts';

type YogaLogging = Parameters<typeof createYoga>[0]['logging'];

export interface HubcatServerOptions {
  catalog: CatalogCache;
  qualityBar: QualityBar;
  graphiql?: boolean;
  logging?: YogaLogging;
  /** The app's edge: probes, metrics, request log. */
  plugins?: Plugin[];
}

export type HubcatYoga = YogaServerInstance<Record<string, never>, GraphQLContext>;

/** The configured Yoga instance; starting it on a port is the CLI's job. */
export function createHubcatYoga(options: HubcatServerOptions): HubcatYoga {
  return createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphiql: options.graphiql ?? true,
    // GraphiQL's scripts and styles inlined from the installed package: the offline demo must not need a CDN.
    renderGraphiQL,
    logging: options.logging ?? false,
    maskedErrors: { maskError },
    context: () => ({ catalog: options.catalog, qualityBar: options.qualityBar }),
    plugins: options.plugins ?? [],
  });
}
