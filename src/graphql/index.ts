/** The GraphQL API: the Pothos schema and the Yoga server that serves it over a catalog cache. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema/index.ts';

export { schema } from './schema/index.ts';
export { createHubcatYoga, type HubcatServerOptions, type HubcatYoga } from './yoga.ts';
export type { GraphQLContext, CatalogUpdateSource, RefreshSchedule } from './context.ts';
/** What one request may ask of the server, and the defaults of those limits. */
export { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits.ts';

/** The schema as checked-in SDL: sorted, so a diff shows only real changes. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
