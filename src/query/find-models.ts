import type { Model } from '../catalog/index.ts';
import type { CatalogView } from './model-query.ts';

/**
 * The models with these ids, in the same order, `null` for an id the snapshot lacks; the shape a DataLoader batch
 * function returns. O(1) per id after the table's one-time id index.
 */
export function findModelsById(view: CatalogView, ids: readonly string[]): (Model | null)[] {
  return ids.map((id) => view.models.find(id));
}
