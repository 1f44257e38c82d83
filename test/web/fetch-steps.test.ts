import { describe, expect, it } from 'vitest';
import { CoverageReportDocument } from '../../schema/generated/graphql.ts';
import { fetchSteps } from '../../src/web/page/sort-steps.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';

describe('the steps the per-sort chart and the cumulative curve draw', () => {
  const capped = useEmulator({ preset: 'gateway-2025-10', capped: true });

  it('end at the exact total after the partition queries of a capped auto fetch, each model counted new once', async () => {
    const app = appFor(capped.url, { strategy: 'auto' });
    const report = (await query(app, CoverageReportDocument)).fetchReport!;
    await app.close();

    const steps = fetchSteps(report);
    expect(steps.map((step) => step.label)).toEqual([
      ...report.sorts.map((sort) => sort.sort),
      `partition (${report.parts.length} queries)`,
    ]);
    expect(steps.slice(0, 2).map((step) => step.cumulativeUnique)).toEqual([1000, 1204]);
    expect(steps.at(-1)!.cumulativeUnique).toBe(1377);
    expect(steps.reduce((total, step) => total + step.added, 0)).toBe(report.uniqueModels);
    for (const step of steps) expect(step.added + step.duplicates, step.label).toBe(step.returned);
  });
});
