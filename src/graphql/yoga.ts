import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { QualityBar } from '../query/index.ts';
import type { CatalogCache } from '../store/index.ts';
import type { GraphQLContext } from './context.ts';
import { createMaskError } from './errors.ts';
import { queryGuards } from './query-guards.ts';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits.ts';
import { requestErrorPlugins } from './request-errors.ts';
import { schema } from './schema/index.ts';

export interface HubcatServerOptions {
  catalog: CatalogCache;
  qualityBar: QualityBar;
  graphiql?: boolean;
  logging?: boolean;
  /** What one request may ask; default {@link DEFAULT_QUERY_LIMITS}. */
  limits?: QueryLimits;
  /** Told every error masked as "Unexpected error.", with its cause, for the operator's log. */
  onUnexpectedError?: (error: unknown) => void;
  /** The app's edge, e.g. its HTTP policy (CORS, security headers); without one, no other origin may read the API. */
  plugins?: Plugin[];
}

export type HubcatYoga = YogaServerInstance<Record<string, never>, GraphQLContext>;

/** The configured Yoga instance; starting it on a port is the CLI's job. */
export function createHubcatYoga(options: HubcatServerOptions): HubcatYoga {
  const limits = options.limits ?? DEFAULT_QUERY_LIMITS;
  return createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphiql: options.graphiql ?? true,
    logging: options.logging ?? false,
    maskedErrors: { maskError: createMaskError(options.onUnexpectedError) },
    context: () => ({ catalog: options.catalog, qualityBar: options.qualityBar }),
    // Yoga's CORS answers any Origin with credentials allowed; the app's HTTP policy decides instead.
    cors: false,
    // The guards come first, so that nothing runs for a request they refuse.
    plugins: [...queryGuards(limits), ...requestErrorPlugins(limits), ...(options.plugins ?? [])],
    maxRequestBodySize: limits.maxBodyBytes,
  });
}
