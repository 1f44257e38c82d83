import type { RecentChangesQuery } from '../../../schema/generated/graphql.ts';
import { dataTable, safeLink } from './dom.ts';

export type ModelChange = NonNullable<RecentChangesQuery['changes']>['nodes'][number];
type FieldChange = ModelChange['fields'][number];

const KIND_NAMES = { ADDED: 'added', REMOVED: 'removed', UPDATED: 'updated' } as const;

/** `gated: false → true`; a field without a value on one side shows a dash there. */
const fieldText = ({ field, before, after }: FieldChange): string => `${field}: ${before ?? '—'} → ${after ?? '—'}`;

/**
 * Changes as a table: kind, model (linked to its Hub page while the catalog serves it; a removed model has no page to
 * link to), and each changed field before → after.
 */
export function changeTable(caption: string, changes: readonly ModelChange[]): HTMLTableElement {
  const table = dataTable(
    caption,
    [
      { header: 'Change', cell: (change) => KIND_NAMES[change.kind] },
      {
        header: 'Model',
        cell: (change) => (change.model ? safeLink(change.model.url, change.modelId) : change.modelId),
        wrap: true,
      },
      {
        header: 'Fields, before → after',
        cell: (change) => change.fields.map(fieldText).join('; ') || '—',
        wrap: true,
      },
    ],
    changes,
  );
  table.id = 'changes-list';
  return table;
}
