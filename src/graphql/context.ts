import type { CatalogUpdate } from '../catalog/index.ts';
import type { QualityBar } from '../query/index.ts';
import type { CatalogCache, ChangeHistory } from '../store/index.ts';

/** Where `catalogUpdated` events come from: this process's, or every replica's through Redis. */
export interface CatalogUpdateSource {
  subscribe(): AsyncIterable<CatalogUpdate>;
}

export interface GraphQLContext {
  catalog: CatalogCache;
  history: ChangeHistory;
  updates: CatalogUpdateSource;
  qualityBar: QualityBar;
}
