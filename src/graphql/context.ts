import type { QualityBar } from '../query/index.ts';
import type { CatalogCache } from '../store/index.ts';

export interface GraphQLContext {
  catalog: CatalogCache;
  qualityBar: QualityBar;
}
