/**
 * The catalog: crawls the Hub with a fetch strategy, merges what each capture saw into hubcat's `Model`s, and reports
 * how complete the result is.
 */
export { fetchCatalog, FetchFailedError, type FetchPlan, type FetchDependencies } from './fetch-catalog.ts';
export type { PageEvent } from './crawl.ts';
export type { FetchReport, SortReport, SortOverlap, CaptureReport } from './fetch-report.ts';
export type { Model, ProviderMapping, GatedMode } from './model.ts';
export type { CatalogSnapshot } from './snapshot.ts';
export { isLiveFor, normalizeHubItem } from './normalize.ts';
export { pairwiseOverlaps } from './overlaps.ts';
