import {
  MODEL_CHANGE_KINDS,
  type FieldChange as CatalogFieldChange,
  type ModelChange as CatalogModelChange,
} from '../../catalog/index.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../query/index.ts';
import type { ChangeFeedPage } from '../../store/index.ts';
import { builder } from '../builder.ts';
import { countUpTo } from './argument-rules.ts';
import { PAGE_ITEMS, pageSizeOf } from '../query-cost.ts';
import { DateTime } from './date-time.ts';
import { Model, loadServedModels } from './model.ts';
import { PageInfo } from './model-connection.ts';

export const ModelChangeKind = builder.enumType('ModelChangeKind', {
  description:
    'ADDED: newly served; REMOVED: no longer served (only ever from a complete snapshot); ' +
    'UPDATED: a routing field changed',
  values: MODEL_CHANGE_KINDS,
});

export const FieldChange = builder.objectRef<CatalogFieldChange>('FieldChange').implement({
  description:
    'One routing field before and after, as text; null where absent. gated is false, auto or manual, as on the Hub; ' +
    'provider mappings are providers.<provider>.status, .providerId and .task',
  fields: (t) => ({
    field: t.exposeString('field'),
    before: t.exposeString('before', { nullable: true }),
    after: t.exposeString('after', { nullable: true }),
  }),
});

export const ModelChange = builder.objectRef<CatalogModelChange>('ModelChange').implement({
  fields: (t) => ({
    kind: t.expose('kind', { type: ModelChangeKind }),
    modelId: t.exposeID('modelId'),
    detectedAt: t.expose('detectedAt', { type: DateTime }),
    snapshotId: t.exposeID('snapshotId', { description: 'The snapshot whose replacement revealed the change' }),
    fields: t.field({ type: [FieldChange], resolve: (change) => change.fields }),
    model: t.loadable({
      type: Model,
      nullable: true,
      description: 'The model as the served snapshot holds it now; null when it is not served (e.g. removed)',
      load: loadServedModels,
      resolve: (change) => change.modelId,
    }),
  }),
});

const ModelChangeEdge = builder.objectRef<ChangeFeedPage['edges'][number]>('ModelChangeEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: ModelChange, resolve: (edge) => edge.node }),
  }),
});

const ModelChangeConnection = builder.objectRef<ChangeFeedPage>('ModelChangeConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [ModelChangeEdge], extensions: PAGE_ITEMS, resolve: (page) => page.edges }),
    nodes: t.field({ type: [ModelChange], extensions: PAGE_ITEMS, resolve: (page) => page.nodes }),
    pageInfo: t.field({ type: PageInfo, resolve: (page) => page.pageInfo }),
    totalCount: t.exposeInt('totalCount', { description: 'Changes matching since and kinds, across all pages' }),
    truncated: t.exposeBoolean('truncated', {
      description: 'The retention has dropped changes that would come after the requested start: some are missing',
    }),
  }),
});

const pageSize = countUpTo(MAX_PAGE_SIZE);

builder.queryField('changes', (t) =>
  t.field({
    type: ModelChangeConnection,
    // Null, with a HISTORY_UNAVAILABLE error, when the history cannot be read: the rest of the query still answers.
    nullable: true,
    description:
      'Changes between successive snapshots, oldest first (detectedAt, then modelId); follow endCursor to resume. ' +
      'Null (with an error) when the history cannot be read',
    extensions: { pageSize: pageSizeOf(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE) },
    args: {
      since: t.arg({ type: DateTime, description: 'Only changes detected after this instant (exclusive)' }),
      kinds: t.arg({ type: [ModelChangeKind], description: 'Only these kinds; all when null or empty' }),
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE, validate: pageSize }),
      after: t.arg.string({ description: 'endCursor of the previous page' }),
    },
    resolve: async (_root, args, context) => {
      await context.historyRecorded();
      return context.history.page({ ...args, first: args.first ?? DEFAULT_PAGE_SIZE });
    },
  }),
);
