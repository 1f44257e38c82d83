import { z } from 'zod';
import { DEFAULT_ORDER, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageModels, type ModelPage } from '../../query/index.ts';
import { builder } from '../builder.ts';
import { PAGE_ITEMS_COST, pageCost } from '../query-cost.ts';
import { Model } from './model.ts';

const nonNegative = z.number().int().min(0, { error: 'must be zero or more' });

export const ModelOrderField = builder.enumType('ModelOrderField', {
  values: ['DOWNLOADS', 'LIKES', 'TRENDING_SCORE', 'CREATED_AT', 'LAST_MODIFIED', 'ID'] as const,
});

export const OrderDirection = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const });

export const ModelFilter = builder.inputType('ModelFilter', {
  description: 'Every given condition must hold; within a list any value matches',
  fields: (t) => ({
    minDownloads: t.int({ validate: nonNegative, description: 'At least this many downloads (last 30 days)' }),
    minLikes: t.int({ validate: nonNegative }),
    pipelineTags: t.stringList({ description: 'Any of these tasks' }),
    authors: t.stringList({ description: 'Any of these owners (case-insensitive)' }),
    libraries: t.stringList({ description: 'Any of these libraries' }),
    tags: t.stringList({ description: 'Every one of these tags' }),
    search: t.string({ description: 'Case-insensitive substring of the id' }),
    gated: t.boolean(),
    quality: t.boolean({ description: "true: passes the server's quality bar; false: fails it" }),
  }),
});

export const ModelOrder = builder.inputType('ModelOrder', {
  fields: (t) => ({
    field: t.field({ type: ModelOrderField, required: true }),
    direction: t.field({ type: OrderDirection, required: true }),
  }),
});

export const PageInfo = builder.objectRef<ModelPage['pageInfo']>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

const ModelEdge = builder.objectRef<ModelPage['edges'][number]>('ModelEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: Model, resolve: (edge) => edge.node }),
  }),
});

const ModelConnection = builder.objectRef<ModelPage>('ModelConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [ModelEdge], complexity: PAGE_ITEMS_COST, resolve: (page) => page.edges }),
    nodes: t.field({ type: [Model], complexity: PAGE_ITEMS_COST, resolve: (page) => page.nodes }),
    pageInfo: t.field({ type: PageInfo, resolve: (page) => page.pageInfo }),
    totalCount: t.exposeInt('totalCount', { description: 'Models matching the filter, across all pages' }),
  }),
});

builder.queryField('models', (t) =>
  t.field({
    type: ModelConnection,
    description: 'The served catalog, filtered, ordered and paged',
    complexity: pageCost,
    args: {
      filter: t.arg({ type: ModelFilter }),
      orderBy: t.arg({ type: ModelOrder, defaultValue: DEFAULT_ORDER }),
      first: t.arg.int({
        defaultValue: DEFAULT_PAGE_SIZE,
        validate: z
          .number()
          .int()
          .min(1, { error: `must be between 1 and ${MAX_PAGE_SIZE}` })
          .max(MAX_PAGE_SIZE, { error: `must be between 1 and ${MAX_PAGE_SIZE}` }),
      }),
      after: t.arg.string({ description: 'endCursor of the previous page' }),
    },
    resolve: async (_root, args, context) => {
      const snapshot = await context.catalog.snapshot();
      return pageModels({ snapshotId: snapshot.id, models: snapshot.models }, args, context.qualityBar);
    },
  }),
);
