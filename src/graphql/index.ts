/** The GraphQL API: the Pothos schema and the Yoga server that serves it over a catalog cache. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema/index.ts';

export { schema } from './schema/index.ts';
export { createHubcatYoga, type HubcatServerOptions, type HubcatYoga } from './yoga.ts';
export type { RefreshSchedule } from './context.ts';
/** What one request may ask of the server, and the defaults of those limits. */
export { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits.ts';
/** The trusted documents (`schema/operations/` by hash) and how the API treats other documents. */
export { DOCUMENT_MODES } from './trusted-documents.ts';
/** GraphiQL as a small page with its script and styles served gzipped and cached by this server. */
export { GraphiQLAssets } from './graphiql-assets.ts';
/** The cost the guards priced a request's operation at, for the rate limit. */
export { pricedCost } from './query-cost.ts';
/** How much JSON the response cache may hold by default. */
export { DEFAULT_RESPONSE_CACHE_BYTES } from './response-cache.ts';

/** The schema as checked-in SDL: sorted, so a diff shows only real changes. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
