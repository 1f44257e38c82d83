import { MAX_CHANGES_PER_UPDATE, type CatalogUpdate as CatalogCatalogUpdate } from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { countUpTo } from './argument-rules.ts';
import { firstItems } from '../query-cost.ts';
import { ModelChange } from './model-change.ts';
import { SnapshotSummary } from './snapshot-summary.ts';

const DEFAULT_UPDATE_CHANGES = 100;

export const CatalogUpdate = builder.objectRef<CatalogCatalogUpdate>('CatalogUpdate').implement({
  description: 'A snapshot that replaced the served one, with its changes',
  fields: (t) => ({
    snapshot: t.field({ type: SnapshotSummary, resolve: (update) => update.snapshot }),
    changes: t.field({
      type: [ModelChange],
      description: `Its first changes by model id (at most ${MAX_CHANGES_PER_UPDATE}); Query.changes has them all`,
      complexity: firstItems(MAX_CHANGES_PER_UPDATE, DEFAULT_UPDATE_CHANGES),
      args: {
        first: t.arg.int({
          defaultValue: DEFAULT_UPDATE_CHANGES,
          validate: countUpTo(MAX_CHANGES_PER_UPDATE),
        }),
      },
      resolve: (update, args) => update.changes.slice(0, args.first ?? DEFAULT_UPDATE_CHANGES),
    }),
  }),
});

builder.subscriptionField('catalogUpdated', (t) =>
  t.field({
    type: CatalogUpdate,
    description:
      'One event each time a snapshot replaces the served one, fetched by this replica or, with Redis, by any other',
    subscribe: (_root, _args, context) => context.updates.subscribe(),
    resolve: (update) => update,
  }),
);
