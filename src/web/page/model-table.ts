import type { BrowsedModelsQuery } from '../../../schema/generated/graphql.ts';
import { dataTable, safeLink } from './dom.ts';
import { formatCount, formatDay } from './format.ts';

export type ModelRow = BrowsedModelsQuery['models']['nodes'][number];

/** One page of models; each id links to its page on the Hub. */
export function modelTable(caption: string, models: readonly ModelRow[]): HTMLTableElement {
  const table = dataTable(
    caption,
    [
      { header: 'Model', cell: (model) => safeLink(model.url, model.id), wrap: true },
      { header: 'Task', cell: (model) => model.pipelineTag ?? '—' },
      { header: 'Library', cell: (model) => model.libraryName ?? '—' },
      { header: 'Downloads (30 d)', cell: (model) => formatCount(model.downloads), numeric: true },
      { header: 'Likes', cell: (model) => formatCount(model.likes), numeric: true },
      { header: 'Gated', cell: (model) => (model.gated ? 'yes' : 'no') },
      { header: 'Created', cell: (model) => formatDay(model.createdAt) },
    ],
    models,
  );
  table.id = 'models';
  return table;
}
