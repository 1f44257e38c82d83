import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { CoverageReportDocument } from '../../schema/generated/graphql.ts';
import { appFor, query } from '../support/graphql.ts';

describe('the CoverageReport operation', () => {
  const capped = useEmulator({ preset: 'gateway-2025-10', capped: true });
  const paginating = useEmulator({ preset: 'gateway-2025-10' });

  it("shows the gateway's figures with a capped upstream and sorts likes,downloads", async () => {
    const app = appFor(capped.url, { sorts: 'likes,downloads' }, { upstreamLabel: capped.label });
    const { fetchReport, catalog } = await query(app, CoverageReportDocument);
    await app.close();

    expect(fetchReport?.uniqueModels).toBe(1204);
    expect(fetchReport?.complete).toBe(false);
    expect(fetchReport?.overlaps).toEqual([
      { a: 'likes', b: 'downloads', shared: 796, onlyA: 204, onlyB: 204, jaccard: 796 / 1204 },
    ]);
    expect(fetchReport?.sorts.map((sort) => [sort.sort, sort.returned, sort.new, sort.duplicates])).toEqual([
      ['likes', 1000, 1000, 0],
      ['downloads', 1000, 204, 796],
    ]);
    expect(fetchReport?.completeness.proven).toBe(false);
    expect(fetchReport?.estimates?.chao?.estimate).toBeCloseTo(1308.563, 2);
    expect(fetchReport?.coverage.basis).toMatch(/lower bound/);
    expect(catalog.size).toBe(1204);
    expect(catalog.upstream).toMatch(/emulator/);
  });

  it('shows the whole catalog, complete, with a paginating upstream', async () => {
    const app = appFor(paginating.url, { sorts: 'likes,downloads' });
    const { fetchReport, catalog } = await query(app, CoverageReportDocument);
    await app.close();

    expect(fetchReport?.uniqueModels).toBe(1377);
    expect(fetchReport?.complete).toBe(true);
    expect(fetchReport?.completeness).toMatchObject({ proven: true, method: 'CURSOR' });
    expect(catalog).toMatchObject({ size: 1377, stale: false, lastError: null });
  });

  it('shows the covering proof and the capped view under the default auto strategy', async () => {
    const cappedApp = appFor(capped.url, { strategy: 'auto' });
    const cappedReport = (await query(cappedApp, CoverageReportDocument)).fetchReport!;
    await cappedApp.close();
    expect(cappedReport).toMatchObject({ uniqueModels: 1377, complete: true, strategy: 'auto' });
    expect(cappedReport.completeness.method).toBe('COVERING_PARTITION');
    expect(cappedReport.parts.length).toBeGreaterThan(0);

    const paginatingApp = appFor(paginating.url, { strategy: 'auto' });
    const paginatingReport = (await query(paginatingApp, CoverageReportDocument)).fetchReport!;
    await paginatingApp.close();
    expect(paginatingReport.cappedView?.sorts[1]).toEqual({ sort: 'downloads', size: 1000, cumulativeUnique: 1204 });
  });
});
