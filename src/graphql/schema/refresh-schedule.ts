import { builder } from '../builder.ts';
import { CatalogStatus } from './catalog-status.ts';
import { DateTime } from './date-time.ts';

builder.objectFields(CatalogStatus, (t) => ({
  refreshIntervalSeconds: t.int({
    nullable: true,
    description: 'Seconds between scheduled refreshes (±10 %); null when only a stale query starts a refresh',
    resolve: (_status, _args, context) => context.schedule().intervalSeconds,
  }),
  nextRefreshAt: t.field({
    type: DateTime,
    nullable: true,
    description: 'When the next scheduled refresh starts; null while one runs, or when none is scheduled',
    resolve: (_status, _args, context) => context.schedule().nextRefreshAt,
  }),
}));
