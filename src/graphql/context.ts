import type { CatalogUpdate } from '../catalog/index.ts';
import type { QualityBar } from '../query/index.ts';
import type { CatalogCache, ChangeHistory } from '../store/index.ts';

/** Where `catalogUpdated` events come from: this process's, or every replica's through Redis. */
export interface CatalogUpdateSource {
  subscribe(): AsyncIterable<CatalogUpdate>;
}

/** The refresh schedule as the API shows it. */
export interface RefreshSchedule {
  /** Null when scheduled refreshes are off. */
  intervalSeconds: number | null;
  nextRefreshAt: string | null;
}

export interface GraphQLContext {
  catalog: CatalogCache;
  history: ChangeHistory;
  /** Resolves once the served snapshot is in the history (see `LiveCatalog.recorded`); the feed reads after it. */
  historyRecorded: () => Promise<void>;
  updates: CatalogUpdateSource;
  schedule: () => RefreshSchedule;
  qualityBar: QualityBar;
}
