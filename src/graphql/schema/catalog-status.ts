import type { CatalogStatus as StoreCatalogStatus } from '../../store/index.ts';
import { builder } from '../builder.ts';
import { DateTime } from './date-time.ts';

export const CatalogStatus = builder.objectRef<StoreCatalogStatus>('CatalogStatus').implement({
  description: 'The cache behind the API: what it holds, how old it is, and the last thing that went wrong',
  fields: (t) => ({
    size: t.exposeInt('size'),
    snapshotId: t.exposeID('snapshotId', {
      nullable: true,
      description: 'Id of the snapshot served (equal to fetchReport.id); replicas sharing a cache agree on it',
    }),
    refreshedBy: t.exposeString('refreshedBy', {
      nullable: true,
      description: 'The replica that fetched the snapshot served: HUBCAT_REPLICA_ID, or host and pid',
    }),
    leaseHolder: t.string({
      nullable: true,
      description: 'The replica crawling the upstream for everyone right now; null when no refresh runs',
      resolve: (_status, _args, context) => context.catalog.leaseHolder(),
    }),
    fetchedAt: t.expose('fetchedAt', { type: DateTime, nullable: true }),
    ageSeconds: t.exposeInt('ageSeconds', { nullable: true }),
    ttlSeconds: t.exposeInt('ttlSeconds'),
    stale: t.exposeBoolean('stale'),
    refreshing: t.exposeBoolean('refreshing'),
    lastError: t.exposeString('lastError', { nullable: true }),
    lastErrorAt: t.expose('lastErrorAt', { type: DateTime, nullable: true }),
    upstream: t.exposeString('upstream'),
  }),
});

builder.queryField('catalog', (t) =>
  t.field({
    type: CatalogStatus,
    description: 'State of the cached catalog; answers even when the upstream cannot be reached',
    args: {
      wait: t.arg.boolean({
        defaultValue: true,
        required: true,
        description:
          'Wait for a fetch that is bringing the first catalog (true), or answer at once with refreshing: true ' +
          '(false), as a page that shows the fetch in progress does; either way the first query starts a lazy fetch',
      }),
    },
    resolve: async (_root, { wait }, context) => {
      // Joining the shared fetch makes the first answer describe a catalog, not an empty cache; a failure shows in
      // lastError.
      const joined = context.catalog.snapshot().catch(() => undefined);
      if (wait) await joined;
      return context.catalog.status();
    },
  }),
);
