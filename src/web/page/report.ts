import { CoverageReportDocument, type CoverageReportQuery } from '../../../schema/generated/graphql.ts';
import { answer, ApiError } from './api.ts';

export type CoverageReport = CoverageReportQuery;
export type CatalogStatus = CoverageReportQuery['catalog'];
export type FetchReport = NonNullable<CoverageReportQuery['fetchReport']>;
export type SortOverlap = FetchReport['overlaps'][number];

/**
 * The coverage report and the cache's status, in one request through the checked-in `CoverageReport` operation.
 * Without a catalog (its first fetch failed) the API still answers the cache's status, with why there is no report.
 */
export async function loadCoverageReport(): Promise<{ report: CoverageReport; missing: ApiError | null }> {
  const { data, error } = await answer(CoverageReportDocument);
  if (data === null) throw error ?? new ApiError('the API answered no data', null);
  return { report: data, missing: data.fetchReport ? null : error };
}
