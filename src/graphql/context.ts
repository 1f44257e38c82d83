import type { QualityBar } from '../query/index.ts';
import type { CatalogCache } from '../store/index.ts';

/** Counters a test or a metrics endpoint can read; one object per server. */
export interface ServerTelemetry {
  modelLookupBatches: number;
}

export interface GraphQLContext {
  catalog: CatalogCache;
  qualityBar: QualityBar;
  telemetry: ServerTelemetry;
}
