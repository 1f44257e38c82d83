import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { QualityBar } from '../query/index.ts';
import type { CatalogCache, ChangeHistory } from '../store/index.ts';
import type { CatalogUpdateSource, GraphQLContext, RefreshSchedule } from './context.ts';
import { createMaskError } from './errors.ts';
import { GraphiQLAssets } from './graphiql-assets.ts';
import { queryGuards } from './query-guards.ts';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query-limits.ts';
import { requestBodyLimit } from './request-body-limit.ts';
import { requestErrorPlugins } from './request-errors.ts';
import { performancePlugins } from './performance.ts';
import { schema } from './schema/index.ts';
import { trustedDocuments, type DocumentMode } from './trusted-documents.ts';

type YogaLogging = Parameters<typeof createYoga>[0]['logging'];

export interface HubcatServerOptions {
  catalog: CatalogCache;
  history: ChangeHistory;
  /** Resolves once the served snapshot is in the history; the feed's queries read after it. */
  historyRecorded: () => Promise<void>;
  updates: CatalogUpdateSource;
  schedule: () => RefreshSchedule;
  qualityBar: QualityBar;
  graphiql?: boolean;
  logging?: YogaLogging;
  /** What one request may ask; default {@link DEFAULT_QUERY_LIMITS}. */
  limits?: QueryLimits;
  /** `trusted`: only the operations of `schema/operations/` run; `open` (default): any document within the limits. */
  documents?: DocumentMode;
  /** Told every error masked as "Unexpected error.", with its cause, for the operator's log. */
  onUnexpectedError?: (error: unknown) => void;
  /**
   * The app's edge: HTTP policy (CORS, security headers; without it no other origin may read the API), probes,
   * metrics, request log.
   */
  plugins?: Plugin[];
  /** Cache whole responses per snapshot (default true). */
  responseCache?: boolean;
  /** JSON the response cache may hold (default 32 MiB). */
  responseCacheBytes?: number;
}

export type HubcatYoga = YogaServerInstance<Record<string, never>, GraphQLContext>;

/** What GraphiQL opens on, instead of Yoga's stock comment: a query of hubcat's own, ready to run. */
const GRAPHIQL_QUERY = `# hubcat: the models of the Hugging Face Hub an inference provider serves.
# Run this with ▶ (Ctrl-Enter); the Docs panel lists every field and filter.
{
  catalog { size fetchedAt upstream }
  models(filter: { pipelineTags: ["feature-extraction"], quality: true }, first: 5) {
    totalCount
    nodes { id downloads likes providers { provider status } }
  }
}
`;

/** The configured Yoga instance; starting it on a port is the CLI's job. */
export function createHubcatYoga(options: HubcatServerOptions): HubcatYoga {
  const limits = options.limits ?? DEFAULT_QUERY_LIMITS;
  const graphiql = options.graphiql ?? true;
  // GraphiQL's scripts and styles from the installed package: the offline demo must not need a CDN.
  const graphiqlAssets = graphiql ? new GraphiQLAssets() : null;
  return createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphiql: graphiql && { defaultQuery: GRAPHIQL_QUERY, title: 'hubcat GraphiQL' },
    ...(graphiqlAssets ? { renderGraphiQL: graphiqlAssets.render } : {}),
    logging: options.logging ?? false,
    maskedErrors: { maskError: createMaskError(options.onUnexpectedError) },
    context: () => ({
      catalog: options.catalog,
      history: options.history,
      historyRecorded: options.historyRecorded,
      updates: options.updates,
      schedule: options.schedule,
      qualityBar: options.qualityBar,
    }),
    // Yoga's CORS answers any Origin with credentials allowed; the app's HTTP policy decides instead.
    cors: false,
    // The guards come first, so that nothing runs for a request they refuse.
    plugins: [
      ...(graphiqlAssets ? [graphiqlAssets.plugin] : []),
      requestBodyLimit(limits.maxBodyBytes),
      ...trustedDocuments(options.documents ?? 'open'),
      ...queryGuards(limits),
      ...requestErrorPlugins(limits),
      ...(options.plugins ?? []),
      ...performancePlugins({
        catalog: options.catalog,
        responseCache: options.responseCache ?? true,
        responseCacheBytes: options.responseCacheBytes,
      }),
    ],
    // Bounded by `requestBodyLimit` instead, which does not stream every body through a counter.
    maxRequestBodySize: false,
  });
}
