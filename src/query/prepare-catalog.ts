import type { ModelTable } from '../catalog/index.ts';
import { catalogIndex } from './catalog-index.ts';

/**
 * Builds everything queries over `table` read (posting lists, every order, the search column) now rather than on the
 * first request that needs it, so a new snapshot's first user does not wait for it.
 */
export function prepareCatalog(table: ModelTable): void {
  catalogIndex(table).prepare();
}
