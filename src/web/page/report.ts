import { CoverageReportDocument, type CoverageReportQuery } from '../../../schema/generated/graphql.ts';
import { request } from './api.ts';

export type CoverageReport = CoverageReportQuery;
export type CatalogStatus = CoverageReportQuery['catalog'];
export type FetchReport = NonNullable<CoverageReportQuery['fetchReport']>;
export type SortOverlap = FetchReport['overlaps'][number];

/** The coverage report and the cache's status, in one request through the checked-in `CoverageReport` operation. */
export const loadCoverageReport = (): Promise<CoverageReport> => request(CoverageReportDocument);
