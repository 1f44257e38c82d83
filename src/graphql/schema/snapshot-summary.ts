import type { SnapshotSummary as CatalogSnapshotSummary } from '../../catalog/index.ts';
import { MAX_PAGE_SIZE } from '../../query/index.ts';
import { builder } from '../builder.ts';
import { countUpTo } from './argument-rules.ts';
import { firstItems } from '../query-cost.ts';
import { DateTime } from './date-time.ts';

const DEFAULT_SNAPSHOTS = 20;

export const SnapshotSummary = builder.objectRef<CatalogSnapshotSummary>('SnapshotSummary').implement({
  description: 'A snapshot that replaced the served one, and how many models changed with it',
  fields: (t) => ({
    id: t.exposeID('id'),
    fetchedAt: t.expose('fetchedAt', { type: DateTime }),
    detectedAt: t.expose('detectedAt', {
      type: DateTime,
      description: 'When it replaced the served snapshot; the detectedAt of its changes',
    }),
    size: t.exposeInt('size'),
    complete: t.exposeBoolean('complete', { description: 'Proven complete, so a model missing from it is REMOVED' }),
    previousId: t.exposeID('previousId', { nullable: true, description: 'The snapshot it was compared with' }),
    baseline: t.exposeBoolean('baseline', {
      description: 'Nothing to compare with (the first snapshot ever): it records no changes',
    }),
    added: t.exposeInt('added'),
    removed: t.exposeInt('removed'),
    updated: t.exposeInt('updated'),
    unconfirmed: t.exposeInt('unconfirmed', {
      description: 'Models seen before but missing from this incomplete snapshot: not reported as removed',
    }),
  }),
});

builder.queryField('snapshots', (t) =>
  t.field({
    type: [SnapshotSummary],
    // Null, with a HISTORY_UNAVAILABLE error, when the history cannot be read: the rest of the query still answers.
    nullable: true,
    description:
      'The snapshots that replaced the served one, newest first, as far back as the retention keeps; null (with an ' +
      'error) when the history cannot be read',
    complexity: firstItems(MAX_PAGE_SIZE, DEFAULT_SNAPSHOTS),
    args: {
      first: t.arg.int({
        defaultValue: DEFAULT_SNAPSHOTS,
        validate: countUpTo(MAX_PAGE_SIZE),
      }),
    },
    resolve: async (_root, args, context) => {
      await context.historyRecorded();
      return context.history.snapshots(args.first ?? DEFAULT_SNAPSHOTS);
    },
  }),
);
