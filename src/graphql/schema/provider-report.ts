import type {
  ProviderReport as CatalogProviderReport,
  RouterReport as CatalogRouterReport,
} from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { PROVIDERS_COST, TASKS_COST } from '../query-cost.ts';
import { CatalogStatus } from './catalog-status.ts';
import { Completeness, Coverage, Estimates, FetchReport } from './fetch-report.ts';
import { FacetCount } from './model-connection.ts';

export const ProviderReport = builder.objectRef<CatalogProviderReport>('ProviderReport').implement({
  description:
    "One provider's part of the fetch: its mappings by status among the catalog's models, whether its live set is " +
    'proven complete, and the requests spent on it',
  fields: (t) => ({
    provider: t.exposeString('provider'),
    live: t.exposeInt('live', { description: 'Models with a live mapping of this provider: its served set' }),
    staging: t.exposeInt('staging', {
      description:
        "Staging mappings of this provider on the catalog's models: a lower bound, as the listing shows a model " +
        'only when a provider it names serves it live',
    }),
    error: t.exposeInt('error', { description: 'Failing mappings, counted as staging ones are' }),
    otherStatus: t.exposeInt('otherStatus', {
      description: 'Mappings whose status is none of live, staging and error (one the Hub added later)',
    }),
    tasks: t.field({
      type: [FacetCount],
      complexity: TASKS_COST,
      description: 'Tasks of its live mappings, most first',
      resolve: (report) => report.tasks,
    }),
    complete: t.exposeBoolean('complete', { description: 'True only with a proof that its whole live set was seen' }),
    completeness: t.field({ type: Completeness, resolve: (report) => report.completeness }),
    estimates: t.field({ type: Estimates, nullable: true, resolve: (report) => report.estimates }),
    coverage: t.field({ type: Coverage, resolve: (report) => report.coverage }),
    requests: t.exposeInt('requests', {
      description: 'Requests whose listing named this provider alone (every request, for a one-provider catalog)',
    }),
    sharedRequests: t.exposeInt('sharedRequests', {
      description: 'Requests of the listing of several providers, which served the set of this provider too',
    }),
  }),
});

export const RouterReport = builder.objectRef<CatalogRouterReport>('RouterReport').implement({
  description: "What reading the router's model list (GET /v1/models) gave, joined into the mappings by model id",
  fields: (t) => ({
    endpoint: t.exposeString('endpoint'),
    ok: t.exposeBoolean('ok', {
      description: "False when it could not be read: figures then come from the Hub listing's providerDetails only",
    }),
    error: t.exposeString('error', { nullable: true, description: "hubcat's short reason, when it failed" }),
    requests: t.exposeInt('requests'),
    pages: t.exposeInt('pages'),
    models: t.exposeInt('models', { description: 'Chat models it listed' }),
    joinedMappings: t.exposeInt('joinedMappings', { description: 'Catalog mappings whose figures come from it' }),
    listingMappings: t.exposeInt('listingMappings', {
      description: "Catalog mappings whose figures come from the Hub listing's providerDetails alone",
    }),
    durationMs: t.exposeInt('durationMs'),
  }),
});

builder.objectFields(FetchReport, (t) => ({
  providers: t.field({
    type: [ProviderReport],
    complexity: PROVIDERS_COST,
    description: 'Each configured provider (with all: each provider the catalog names, most live models first)',
    resolve: (report) => report.providers,
  }),
  router: t.field({
    type: RouterReport,
    nullable: true,
    description: "The router's listing; null when it is off (HUBCAT_ROUTER_ENDPOINT=none)",
    resolve: (report) => report.router,
  }),
}));

builder.objectFields(CatalogStatus, (t) => ({
  routerError: t.string({
    nullable: true,
    description:
      "Why the router's listing could not be read for the snapshot being served (prices and context lengths then " +
      "come from the Hub listing's providerDetails only); null when it was read, or is off",
    resolve: async (_status, _args, context) => {
      const snapshot = await context.catalog.snapshot().catch(() => null);
      return snapshot?.report.router?.error ?? null;
    },
  }),
}));
