import type { FetchReport as CatalogFetchReport, SortOverlap as CatalogSortOverlap, SortReport as CatalogSortReport } from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { DateTime } from './date-time.ts';

export const SortReport = builder.objectRef<CatalogSortReport>('SortReport').implement({
  description: 'What one sort crawl saw; new, duplicates and cumulativeUnique follow the report\'s stated order',
  fields: (t) => ({
    sort: t.exposeString('sort'),
    pages: t.exposeInt('pages'),
    requests: t.exposeInt('requests', { description: 'HTTP requests, retries included' }),
    returned: t.exposeInt('returned'),
    notLive: t.exposeInt('notLive', { description: 'Returned but not live for the provider, so dropped' }),
    new: t.exposeInt('new'),
    duplicates: t.exposeInt('duplicates'),
    cumulativeUnique: t.exposeInt('cumulativeUnique'),
    exhausted: t.exposeBoolean('exhausted', { description: 'The cursor ran out: this sort saw the whole listing' }),
    capped: t.exposeBoolean('capped', { description: 'Stopped at a full first page with no next link' }),
    durationMs: t.exposeInt('durationMs'),
    error: t.exposeString('error', { nullable: true }),
    errorPage: t.exposeInt('errorPage', { nullable: true, description: '1-based page the error happened on' }),
  }),
});

export const SortOverlap = builder.objectRef<CatalogSortOverlap>('SortOverlap').implement({
  fields: (t) => ({
    a: t.exposeString('a'),
    b: t.exposeString('b'),
    shared: t.exposeInt('shared'),
    onlyA: t.exposeInt('onlyA'),
    onlyB: t.exposeInt('onlyB'),
    jaccard: t.exposeFloat('jaccard'),
  }),
});

export const FetchReport = builder.objectRef<CatalogFetchReport>('FetchReport').implement({
  description: 'How the snapshot being served was fetched, and how complete it is',
  fields: (t) => ({
    id: t.exposeID('id'),
    strategy: t.exposeString('strategy'),
    provider: t.exposeString('provider'),
    upstream: t.exposeString('upstream'),
    pageSize: t.exposeInt('pageSize'),
    startedAt: t.expose('startedAt', { type: DateTime }),
    finishedAt: t.expose('finishedAt', { type: DateTime }),
    durationMs: t.exposeInt('durationMs'),
    requestCount: t.exposeInt('requestCount'),
    uniqueModels: t.exposeInt('uniqueModels'),
    complete: t.exposeBoolean('complete', { description: 'True only with a proof that every served model was seen' }),
    statedOrder: t.exposeString('statedOrder'),
    sorts: t.field({ type: [SortReport], resolve: (report) => report.sorts }),
    overlaps: t.field({ type: [SortOverlap], resolve: (report) => report.overlaps }),
    errors: t.exposeStringList('errors'),
  }),
});

builder.queryField('fetchReport', (t) =>
  t.field({
    type: FetchReport,
    nullable: true,
    description: 'The report of the snapshot being served',
    resolve: async (_root, _args, context) => (await context.catalog.snapshot()).report,
  }),
);
