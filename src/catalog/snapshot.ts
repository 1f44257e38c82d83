import type { FetchReport } from './fetch-report.ts';
import type { ModelTable } from './model-table.ts';

/** A catalog as one fetch left it: the unit the store caches and the query engine reads. */
export interface CatalogSnapshot {
  /** Equal to `report.id`; cursors carry it so a page of an older snapshot is refused, not shifted. */
  id: string;
  fetchedAt: string;
  models: ModelTable;
  report: FetchReport;
}
