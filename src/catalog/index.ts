/**
 * The catalog: crawls the Hub with a fetch strategy, merges what each capture saw into hubcat's `Model`s, and reports
 * how complete the result is — with a proof when there is one, and estimates when there is not.
 */
export { fetchCatalog, FetchFailedError, type FetchDependencies } from './fetch-catalog.ts';
export { FETCH_STRATEGIES, type FetchStrategy, type FetchPlan } from './fetch-plan.ts';
/** Which providers' live models form the catalog, how the listing and the reports name them, and their statuses. */
export {
  PROVIDER_NAME,
  PROVIDER_STATUSES,
  isKnownStatus,
  isServedBy,
  providerLabel,
  type ProviderSelection,
  type ProviderStatus,
} from './provider-selection.ts';
export type { CaptureFailure, PageEvent } from './crawl.ts';
export type {
  FetchReport,
  SortReport,
  SortOverlap,
  PartReport,
  Completeness,
  Estimates,
  CappedView,
  Coverage,
  ProviderReport,
  RouterReport,
} from './fetch-report.ts';
export {
  BASE_MODEL_RELATIONS,
  MODALITIES,
  compareIds,
  type BaseModel,
  type GatedMode,
  type Modality,
  type Model,
  type ProviderMapping,
  type MappingDetails,
} from './model.ts';
export type { CatalogSnapshot } from './snapshot.ts';
export { ModelTable, type DictionaryColumn, type TableBuilder } from './model-table.ts';
export {
  DETAIL_COLUMNS,
  NUMBER_COLUMNS,
  RUN_COLUMNS,
  type ColumnSlice,
  type DetailColumn,
  type DetailsColumns,
  type NumberColumn,
  type NumberColumns,
} from './column-slice.ts';
export { HUB_ID_BYTES, PACKED_HUB_ID, SAME_AS_MODEL_ID } from './model-columns.ts';
export type { ChapmanEstimate, ChaoEstimate, Interval } from './estimates.ts';
export { chapmanEstimate, chaoLowerBound } from './estimates.ts';
export { CAPPED_SORT_KEYS } from './capped-view.ts';
export { refine, describePart, ID_ALPHABET, type PartFilters } from './partition-plan.ts';
export { normalizeHubItem, CATALOG_EXPANSIONS, DEFAULT_EXPANSIONS } from './normalize.ts';
export { pairwiseOverlaps } from './overlaps.ts';
export {
  MODEL_CHANGE_KINDS,
  MAX_CHANGES_PER_UPDATE,
  type ModelChangeKind,
  type ModelChange,
  type ModelChangeDraft,
  type FieldChange,
  type SnapshotSummary,
  type CatalogUpdate,
} from './model-change.ts';
export { diffSnapshots, describeReplacement, type RoutingFields } from './snapshot-diff.ts';
