import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import type { RunningEmulator } from '../../src/emulator/index.ts';
import { CoverageReportDocument } from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, manualClock, query } from '../support/graphql.ts';
import { parsePrometheus, sampleValue, type Sample } from '../support/prometheus.ts';

const scrape = async (app: App): Promise<{ type: string | null; samples: Sample[] }> => {
  const response = await app.yoga.fetch('http://hubcat/metrics');
  expect(response.status).toBe(200);
  return { type: response.headers.get('content-type'), samples: parsePrometheus(await response.text()) };
};

const listingRequests = (emulator: RunningEmulator, status?: number) =>
  emulator.requests.filter((request) => request.path === '/api/models' && (status ?? request.status) === request.status)
    .length;

describe('/metrics', () => {
  const capped = useEmulator({ preset: 'gateway-2025-10', capped: true });
  const flaky = useEmulator({ preset: 'tiny' });

  it("equals the catalog's figures and the upstream's request log after a fetch", async () => {
    capped.resetLog();
    const clock = manualClock();
    const app = appFor(capped.url, { strategy: 'auto', sorts: 'likes,downloads' }, { now: clock.now });
    await query(app, '{ catalog { size } }');
    clock.advance(90_000);
    const { catalog, fetchReport } = await query(app, CoverageReportDocument);
    const { type, samples } = await scrape(app);
    await app.close();

    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sampleValue(samples, 'hubcat_catalog_models')).toBe(capped.servedIds('hf-inference').length);
    expect(sampleValue(samples, 'hubcat_catalog_models')).toBe(catalog.size);
    expect(sampleValue(samples, 'hubcat_catalog_complete')).toBe(fetchReport?.complete ? 1 : 0);
    expect(sampleValue(samples, 'hubcat_catalog_coverage_ratio')).toBe(fetchReport?.coverage.ratio);
    expect(sampleValue(samples, 'hubcat_catalog_age_seconds')).toBe(catalog.ageSeconds);
    expect(catalog.ageSeconds).toBe(90);
    expect(sampleValue(samples, 'hubcat_upstream_requests_total', { status: '200' })).toBe(listingRequests(capped));
    expect(sampleValue(samples, 'hubcat_upstream_requests_total', { status: '200' })).toBe(fetchReport?.requestCount);
    expect(sampleValue(samples, 'hubcat_refresh_duration_seconds_count', { outcome: 'replaced' })).toBe(1);
    expect(sampleValue(samples, 'hubcat_refresh_duration_seconds_sum', { outcome: 'replaced' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'hubcat_refresh_failures_total')).toBe(0);
    // The served snapshot was readied for queries once, before it was served.
    expect(sampleValue(samples, 'hubcat_snapshot_prepare_seconds_count')).toBe(1);
    expect(sampleValue(samples, 'hubcat_snapshot_prepare_seconds_sum')).toBeGreaterThan(0);
    // The GraphQL side, from Yoga's Prometheus plugin, in the same registry.
    expect(sampleValue(samples, 'graphql_envelop_request_duration_count', { operationName: 'CoverageReport' })).toBe(1);
  });

  it('counts upstream errors by status and the refreshes that failed', async () => {
    flaky.resetLog();
    flaky.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    const app = appFor(flaky.url, { maxRetries: 2 });
    try {
      await query(app, '{ catalog { size lastError } }');
      const { samples } = await scrape(app);

      expect(sampleValue(samples, 'hubcat_catalog_models')).toBe(0);
      expect(sampleValue(samples, 'hubcat_catalog_age_seconds')).toBeNaN();
      expect(sampleValue(samples, 'hubcat_catalog_coverage_ratio')).toBeNaN();
      expect(sampleValue(samples, 'hubcat_upstream_requests_total', { status: '503' })).toBe(
        listingRequests(flaky, 503),
      );
      expect(listingRequests(flaky, 503)).toBe(2 * 3); // two sorts, three attempts each
      expect(sampleValue(samples, 'hubcat_refresh_failures_total')).toBe(1);
      expect(sampleValue(samples, 'hubcat_refresh_duration_seconds_count', { outcome: 'failed' })).toBe(1);
    } finally {
      flaky.setFaults([]);
      await app.close();
    }
  });

  it('keeps each app in its own registry, so apps in one process do not share counts', async () => {
    const first = appFor(flaky.url);
    const second = appFor(flaky.url);
    await query(first, '{ catalog { size } }');
    const [one, two] = [await scrape(first), await scrape(second)];
    await Promise.all([first.close(), second.close()]);

    expect(sampleValue(one.samples, 'hubcat_catalog_models')).toBe(flaky.servedIds('hf-inference').length);
    expect(sampleValue(two.samples, 'hubcat_catalog_models')).toBe(0);
    expect(two.samples.some((sample) => sample.name === 'hubcat_upstream_requests_total')).toBe(false);
  });
});
