import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ModelTable } from '../catalog/index.ts';
import { catalogIndex } from './catalog-index.ts';

/**
 * Builds everything queries over `table` read (posting lists, every order, the search column) now rather than on the
 * first request that needs it, so a new snapshot's first user does not wait for it; a step at a time, letting the
 * event loop answer other requests between steps: for a server that prepares a new snapshot while it still serves the
 * last.
 */
export async function prepareCatalogInSteps(table: ModelTable): Promise<void> {
  const index = catalogIndex(table);
  for (const step of index.preparation()) {
    await nextTurn();
    step();
  }
}

/** Whether the indexes of `table` are all built already (by a preparation, or by queries that needed each of them). */
export function isCatalogPrepared(table: ModelTable): boolean {
  return catalogIndex(table).prepared;
}
