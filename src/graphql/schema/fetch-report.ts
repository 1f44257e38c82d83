import type {
  CappedView as CatalogCappedView,
  ChaoEstimate as CatalogChaoEstimate,
  ChapmanEstimate as CatalogChapmanEstimate,
  Completeness as CatalogCompleteness,
  Coverage as CatalogCoverage,
  Estimates as CatalogEstimates,
  FetchReport as CatalogFetchReport,
  Interval as CatalogInterval,
  PartReport as CatalogPartReport,
  SortOverlap as CatalogSortOverlap,
  SortReport as CatalogSortReport,
} from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { PARTS_COST } from '../query-cost.ts';
import { DateTime } from './date-time.ts';

export const SortReport = builder.objectRef<CatalogSortReport>('SortReport').implement({
  description: "What one sort crawl saw; new, duplicates and cumulativeUnique follow the report's stated order",
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

export const PartReport = builder.objectRef<CatalogPartReport>('PartReport').implement({
  description: 'One query of a partitioned crawl: its filters, what it returned, and whether it was split further',
  fields: (t) => ({
    label: t.exposeString('label'),
    gated: t.exposeBoolean('gated', { nullable: true }),
    author: t.exposeString('author', { nullable: true }),
    search: t.exposeString('search', { nullable: true }),
    depth: t.exposeInt('depth'),
    splitBy: t.exposeString('splitBy'),
    refined: t.exposeBoolean('refined', { description: 'Came back full, so it was split into child queries' }),
    pages: t.exposeInt('pages'),
    requests: t.exposeInt('requests'),
    returned: t.exposeInt('returned'),
    new: t.exposeInt('new'),
    duplicates: t.exposeInt('duplicates'),
    cumulativeUnique: t.exposeInt('cumulativeUnique'),
    exhausted: t.exposeBoolean('exhausted'),
    capped: t.exposeBoolean('capped'),
    error: t.exposeString('error', { nullable: true }),
  }),
});

const CompletenessMethod = builder.enumType('CompletenessMethod', {
  description: 'How completeness was proven, if it was',
  values: {
    CURSOR: { value: 'cursor', description: 'A crawl followed its cursor to the end' },
    COVERING_PARTITION: {
      value: 'covering-partition',
      description: 'Queries that together match every possible model each answered below the cap',
    },
    NONE: { value: 'none', description: 'Not proven' },
  } as const,
});

export const Completeness = builder.objectRef<CatalogCompleteness>('Completeness').implement({
  description: 'Whether every served model was seen, and why the report can say so',
  fields: (t) => ({
    proven: t.exposeBoolean('proven'),
    method: t.expose('method', { type: CompletenessMethod }),
    explanation: t.exposeString('explanation'),
    premises: t.exposeStringList('premises', { description: 'What a covering-partition proof assumes about the Hub' }),
    coveringParts: t.exposeInt('coveringParts'),
    uncoveredRisk: t.exposeStringList('uncoveredRisk', { description: 'What could still hide unseen models' }),
  }),
});

const Interval = builder.objectRef<CatalogInterval>('Interval').implement({
  fields: (t) => ({ low: t.exposeFloat('low'), high: t.exposeFloat('high') }),
});

const ChapmanEstimate = builder.objectRef<CatalogChapmanEstimate>('ChapmanEstimate').implement({
  description: "Chapman's two-capture estimate of the total, from one pair of sorts",
  fields: (t) => ({
    a: t.exposeString('a'),
    b: t.exposeString('b'),
    n1: t.exposeInt('n1'),
    n2: t.exposeInt('n2'),
    recaptured: t.exposeInt('recaptured'),
    estimate: t.exposeFloat('estimate'),
    interval95: t.field({ type: Interval, resolve: (estimate) => estimate.interval95 }),
  }),
});

const ChaoEstimate = builder.objectRef<CatalogChaoEstimate>('ChaoEstimate').implement({
  description: "Chao's lower bound on the total, from how many models one and two sorts saw",
  fields: (t) => ({
    observed: t.exposeInt('observed'),
    f1: t.exposeInt('f1'),
    f2: t.exposeInt('f2'),
    captures: t.exposeInt('captures'),
    estimate: t.exposeFloat('estimate'),
    interval95: t.field({ type: Interval, resolve: (estimate) => estimate.interval95 }),
  }),
});

export const Estimates = builder.objectRef<CatalogEstimates>('Estimates').implement({
  description: 'Estimates of the unseen total when completeness is not proven; all are lower bounds',
  fields: (t) => ({
    chapman: t.field({ type: [ChapmanEstimate], resolve: (estimates) => estimates.chapman }),
    chao: t.field({ type: ChaoEstimate, nullable: true, resolve: (estimates) => estimates.chao }),
    caveat: t.exposeString('caveat'),
  }),
});

const CappedSort = builder.objectRef<CatalogCappedView['sorts'][number]>('CappedSort').implement({
  fields: (t) => ({
    sort: t.exposeString('sort'),
    size: t.exposeInt('size'),
    cumulativeUnique: t.exposeInt('cumulativeUnique'),
  }),
});

export const CappedView = builder.objectRef<CatalogCappedView>('CappedView').implement({
  description:
    'What a client without cursors would see: the top `cap` of each sort key, computed from the complete catalog',
  fields: (t) => ({
    cap: t.exposeInt('cap'),
    sorts: t.field({ type: [CappedSort], resolve: (view) => view.sorts }),
    overlaps: t.field({ type: [SortOverlap], resolve: (view) => view.overlaps }),
  }),
});

export const Coverage = builder.objectRef<CatalogCoverage>('Coverage').implement({
  fields: (t) => ({
    ratio: t.exposeFloat('ratio', {
      nullable: true,
      description: 'Unique models ÷ total; null when the total cannot be estimated',
    }),
    total: t.exposeFloat('total', { nullable: true }),
    basis: t.exposeString('basis', { description: 'exact, or the estimate the total comes from' }),
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
    rateLimitPauses: t.int({
      description: "Times the fetch paused for the Hub's rate-limit window to reset rather than be refused",
      resolve: (report) => report.rateLimit.pauses,
    }),
    rateLimitWaitMs: t.int({ resolve: (report) => Math.round(report.rateLimit.waitedMs) }),
    uniqueModels: t.exposeInt('uniqueModels'),
    upstreamCap: t.exposeInt('upstreamCap', {
      nullable: true,
      description: 'Most items one query returns when the upstream gives no cursor; null when it paginates',
    }),
    complete: t.exposeBoolean('complete', { description: 'True only with a proof that every served model was seen' }),
    statedOrder: t.exposeString('statedOrder'),
    sorts: t.field({ type: [SortReport], resolve: (report) => report.sorts }),
    overlaps: t.field({ type: [SortOverlap], resolve: (report) => report.overlaps }),
    errors: t.exposeStringList('errors'),
    parts: t.field({ type: [PartReport], complexity: PARTS_COST, resolve: (report) => report.parts }),
    completeness: t.field({ type: Completeness, resolve: (report) => report.completeness }),
    estimates: t.field({ type: Estimates, nullable: true, resolve: (report) => report.estimates }),
    cappedView: t.field({ type: CappedView, nullable: true, resolve: (report) => report.cappedView }),
    coverage: t.field({ type: Coverage, resolve: (report) => report.coverage }),
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
