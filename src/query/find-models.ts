import type { Model } from '../catalog/index.ts';
import type { CatalogView } from './model-query.ts';

// Keyed by the models array so a snapshot's index is built once and dropped with it.
const indexesById = new WeakMap<readonly Model[], ReadonlyMap<string, Model>>();

/**
 * The models with these ids, in the same order, `null` for an id the snapshot lacks; the
 * shape a DataLoader batch function returns. O(1) per id after a one-time index per snapshot.
 */
export function findModelsById(view: CatalogView, ids: readonly string[]): (Model | null)[] {
  let index = indexesById.get(view.models);
  if (!index) {
    const byId = new Map<string, Model>();
    for (const model of view.models) if (!byId.has(model.id)) byId.set(model.id, model);
    index = byId;
    indexesById.set(view.models, index);
  }
  const found = index;
  return ids.map((id) => found.get(id) ?? null);
}
