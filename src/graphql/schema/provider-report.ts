import type {
  ProviderReport as CatalogProviderReport,
  RouterReport as CatalogRouterReport,
} from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { PROVIDERS_COST } from '../query-cost.ts';
import { CatalogStatus } from './catalog-status.ts';
import { Coverage, Estimates, FetchReport } from './fetch-report.ts';
import { ProviderFigures } from './provider-figures.ts';

export const ProviderReport = builder.objectRef<CatalogProviderReport>('ProviderReport').implement({
  description:
    "One provider's part of the fetch: its mappings by status among the catalog's models, whether its live set is " +
    'proven complete, and the requests spent on it',
  interfaces: [ProviderFigures],
  fields: (t) => ({
    provider: t.exposeString('provider'),
    otherStatus: t.exposeInt('otherStatus', {
      description: 'Mappings whose status is none of live, staging and error (one the Hub added later)',
    }),
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
