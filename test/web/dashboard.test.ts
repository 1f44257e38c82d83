import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BrowsedModelsDocument,
  CoverageReportDocument,
  FilteredModelsDocument,
  type CoverageReportQuery,
  type FilteredModelsQueryVariables,
} from '../../schema/generated/graphql.ts';
import { seriousViolations, useChromium, watchedPage, type WatchedPage } from '../support/browser.ts';
import { useDemo, useHubcat, type RunningHubcat } from '../support/dashboard.ts';
import { useEmulator } from '../support/emulator.ts';
import {
  count,
  estimate,
  facetCounts,
  modelLinks,
  percent,
  statusFact,
  tableRows,
  waitForSummary,
} from './page-reading.ts';

const REPORTS = new URL('../../.reports/', import.meta.url);
/** The API's parameter-size buckets as filter bounds, written out: each from its lower end to below the next. */
const SIZE_BOUNDS: Record<string, { minParameters?: number; maxParameters?: number }> = {
  '<1B': { maxParameters: 1e9 - 1 },
  '1B-3B': { minParameters: 1e9, maxParameters: 3e9 - 1 },
  '3B-10B': { minParameters: 3e9, maxParameters: 1e10 - 1 },
  '10B-30B': { minParameters: 1e10, maxParameters: 3e10 - 1 },
  '30B-100B': { minParameters: 3e10, maxParameters: 1e11 - 1 },
  '100B+': { minParameters: 1e11 },
};
const timings: Record<string, number> = {};

/** Opens the dashboard and waits until its status and first page of models are on screen. */
async function openDashboard(demo: RunningHubcat, watched: WatchedPage, query = ''): Promise<Page> {
  await watched.page.goto(`${demo.url}${query}`);
  await watched.page.locator('#status .facts').waitFor();
  await watched.page.locator('#models tbody tr').first().waitFor();
  return watched.page;
}

async function statusRenderedMs(page: Page): Promise<number> {
  return page.evaluate<number>(`performance.getEntriesByName('hubcat:status-rendered')[0].startTime`);
}

function recordTiming(name: string, ms: number): void {
  timings[name] = Math.round(ms);
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(new URL('web-timings.json', REPORTS), `${JSON.stringify(timings, null, 2)}\n`);
}

describe('the dashboard against `hubcat demo` (paginating upstream, auto strategy)', () => {
  const browser = useChromium();
  // Held still: a demo that evolves and refreshes every 30 s would redraw the live page under the test's feet.
  const demo = useDemo(['--evolve-every', '0']);
  let api: CoverageReportQuery;
  let report: NonNullable<CoverageReportQuery['fetchReport']>;

  beforeAll(async () => {
    api = await demo.query(CoverageReportDocument);
    report = api.fetchReport!;
  });

  async function open(query = ''): Promise<WatchedPage & { page: Page }> {
    const watched = await watchedPage(browser.context(), demo.origin);
    await openDashboard(demo, watched, query);
    return watched;
  }

  it('is served by hubcat itself: the HTML names no other host and no request leaves its origin', async () => {
    const html = await (await fetch(demo.url)).text();
    const references = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const reference of references) expect(reference, reference).toMatch(/^(\/(?!\/)|#)/);
    expect(html).not.toMatch(/https?:\/\//);

    const { page, problems } = await open();
    const assets = await page.evaluate<string[]>(`performance.getEntriesByType('resource').map((entry) => entry.name)`);
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    expect(assets.some((name) => name.endsWith('.css'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the status within a second of navigation, with no console error under its CSP', async () => {
    const { page, problems } = await open();
    const statusMs = await statusRenderedMs(page);
    recordTiming('statusRenderedWarmMs', statusMs);
    // The target is 1 s on a quiet machine; the bound here only catches a page that hangs on a shared, noisy one.
    expect(statusMs).toBeLessThan(10_000);
    const response = await fetch(demo.url);
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);

    await page.getByRole('button', { name: 'Reload report' }).click();
    await page.locator('#status:not([aria-busy]) .facts').waitFor();
    expect(await page.locator('#sorts-curve svg').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows every status figure the API returns', async () => {
    const { page } = await open();
    expect(await statusFact(page, 'Models')).toEqual({ value: count(api.catalog.size), note: null });
    expect(await statusFact(page, 'Complete')).toEqual({
      value: 'Yes, proven by cursor',
      note: report.completeness.explanation,
    });
    expect(report.completeness.method).toBe('CURSOR');
    expect(await statusFact(page, 'Coverage')).toEqual({
      value: percent(report.coverage.ratio!),
      note: report.coverage.basis,
    });
    expect((await statusFact(page, 'Requests')).value).toBe(count(report.requestCount));
    expect((await statusFact(page, 'Upstream')).value).toBe(api.catalog.upstream);
    expect((await statusFact(page, 'Fetched')).value).toMatch(/^\d+(\.\d+)? s ago$/);
    await page.close();
  });

  it('shows every per-sort and overlap figure the API returns', async () => {
    const { page } = await open();
    expect(await tableRows(page, 'Per-sort counts')).toEqual(
      report.sorts.map((sort) => [
        sort.sort,
        count(sort.pages),
        count(sort.returned),
        count(sort.new),
        count(sort.duplicates),
        count(sort.cumulativeUnique),
        'cursor ran out',
      ]),
    );
    const pairRow = (o: (typeof report.overlaps)[number]) => [
      `${o.a} × ${o.b}`,
      count(o.shared),
      count(o.onlyA),
      count(o.onlyB),
      percent(o.jaccard),
    ];
    expect(await tableRows(page, "Overlaps of this fetch's sorts, by pair")).toEqual(report.overlaps.map(pairRow));
    const capped = report.cappedView!;
    expect(await tableRows(page, `Overlaps of the top ${count(capped.cap)}, by pair`)).toEqual(
      capped.overlaps.map(pairRow),
    );
    expect(
      await tableRows(page, `Top 1,000 per sort against the full catalog of ${count(report.uniqueModels)}`),
    ).toEqual(
      capped.sorts.map((sort) => [
        sort.sort,
        count(sort.size),
        count(sort.cumulativeUnique),
        percent(sort.cumulativeUnique / report.uniqueModels),
      ]),
    );
    const matrixCells = await page.locator('#capped-body g[data-label="text"] text').allTextContents();
    expect(matrixCells.sort()).toEqual(
      [...capped.sorts.map((sort) => sort.size), ...capped.overlaps.flatMap((o) => [o.shared, o.shared])]
        .map(count)
        .sort(),
    );
    await page.close();
  });

  it("draws the gateway's 1,000 → 1,204 curve up to the exact total of the full catalog", async () => {
    const { page } = await open();
    const capped = report.cappedView!;
    expect(capped.sorts.slice(0, 2).map((sort) => sort.cumulativeUnique)).toEqual([1000, 1204]);
    const curve = page.locator('#sorts-curve svg');
    expect(await curve.locator('g[data-label="text"]').last().locator('text').allTextContents()).toEqual(
      capped.sorts.map((sort) => count(sort.cumulativeUnique)),
    );
    expect(await curve.getByText(`full catalog, ${count(report.uniqueModels)} (exact)`).count()).toBe(1);
    expect(report.uniqueModels).toBe(1377);
    expect(await curve.locator('g[data-label="dot"] circle').count()).toBe(report.sorts.length + capped.sorts.length);
    await page.close();
  });

  it("shows a pair's Jaccard index on hover", async () => {
    const { page } = await open();
    const pair = report.cappedView!.overlaps.find((o) => o.a === 'likes' && o.b === 'downloads')!;
    // At the cell's corner: its centre is under the label that prints the shared count.
    await page
      .locator(`#capped-body rect[data-label="likes × downloads: ${count(pair.shared)} shared"]`)
      .hover({ position: { x: 4, y: 4 } });
    const tip = page.locator('#capped-body g[data-label="tip"]');
    await tip.getByText(`Jaccard ${percent(pair.jaccard)}`).waitFor();
    expect(percent(pair.jaccard)).toBe('66.1%');
    expect(await tip.textContent()).toContain(`shared ${count(pair.shared)}`);
    await page.close();
  });

  it('filters by min likes and task: the total and the rows are what the API returns', async () => {
    const { page, problems } = await open();
    const variables: FilteredModelsQueryVariables = {
      filter: { minLikes: 50, pipelineTags: ['feature-extraction'] },
      orderBy: { field: 'DOWNLOADS', direction: 'DESC' },
      first: 25,
    };
    const expected = (await demo.query(FilteredModelsDocument, variables)).models;
    expect(expected.totalCount).toBeGreaterThan(25);
    expect(expected.totalCount).toBeLessThan(api.catalog.size);

    await page.getByLabel('Min likes').fill('50');
    await page.getByLabel('Task', { exact: true }).fill('feature-extraction');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForSummary(page, expected.totalCount, 1);

    expect(await modelLinks(page)).toEqual(expected.nodes.map((model) => ({ id: model.id, href: model.url })));
    expect(new URL(page.url()).search).toBe('?task=feature-extraction&minLikes=50');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists facet counts beside the filters that equal the API’s facets, and applies a value on click or Enter', async () => {
    const { page, problems } = await open();
    const byDownloads = { field: 'DOWNLOADS', direction: 'DESC' } as const;
    const browse = (filter: NonNullable<FilteredModelsQueryVariables['filter']>) =>
      demo.query(BrowsedModelsDocument, { filter, orderBy: byDownloads, first: 25 }).then((data) => data.models);
    const shown = (counts: readonly { value: string; count: number }[]) =>
      counts.map(({ value, count: n }): [string, string] => [value, count(n)]);
    const expectFacetsOf = async (models: Awaited<ReturnType<typeof browse>>) => {
      expect(await facetCounts(page, 'f-task')).toEqual(shown(models.facets.pipelineTags));
      expect(await facetCounts(page, 'f-library')).toEqual(shown(models.facets.libraries));
      expect(await facetCounts(page, 'f-author')).toEqual(shown(models.facets.authors));
      expect(await facetCounts(page, 'f-gated')).toEqual(shown(models.facets.gated));
      expect(await facetCounts(page, 'f-quality')).toEqual(shown(models.facets.quality));
      expect(await facetCounts(page, 'f-license')).toEqual(shown(models.facets.licenses));
      expect(await facetCounts(page, 'f-language')).toEqual(shown(models.facets.languages));
      expect(await facetCounts(page, 'f-size')).toEqual(shown(models.facets.parameterSizes));
      expect(await facetCounts(page, 'f-takes')).toEqual(shown(models.facets.inputModalities));
      expect(await facetCounts(page, 'f-gives')).toEqual(shown(models.facets.outputModalities));
    };

    const liked = await browse({ minLikes: 50 });
    expect(liked.facets.pipelineTags.length).toBeGreaterThan(1);
    await page.getByLabel('Min likes').fill('50');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForSummary(page, liked.totalCount, 1);
    await expectFacetsOf(liked);

    const task = liked.facets.pipelineTags[1]!.value;
    const byTask = await browse({ minLikes: 50, pipelineTags: [task] });
    expect(byTask.totalCount).toBe(liked.facets.pipelineTags[1]!.count);
    await page.getByRole('list', { name: 'Task: matching models per value' }).locator(`[data-value="${task}"]`).click();
    await waitForSummary(page, byTask.totalCount, 1);
    expect(await page.getByLabel('Task', { exact: true }).inputValue()).toBe(task);
    await expectFacetsOf(byTask);
    expect(await page.locator(`.field:has(#f-task) [data-value="${task}"]`).getAttribute('aria-pressed')).toBe('true');

    const library = byTask.facets.libraries[0]!.value;
    const byLibrary = await browse({ minLikes: 50, pipelineTags: [task], libraries: [library] });
    await page.locator(`.field:has(#f-library) [data-value="${library}"]`).focus();
    await page.keyboard.press('Enter');
    await waitForSummary(page, byLibrary.totalCount, 1);
    expect(byLibrary.totalCount).toBe(byTask.facets.libraries[0]!.count);
    await expectFacetsOf(byLibrary);

    // What a router narrows by: a size bucket, then a license, then what the model takes.
    await page.getByRole('button', { name: 'Clear' }).click();
    const all = await browse({});
    await waitForSummary(page, all.totalCount, 1);
    await expectFacetsOf(all);
    const size = all.facets.parameterSizes[0]!;
    expect(all.facets.parameterSizes.length).toBeGreaterThan(1);
    const bySize = await browse(SIZE_BOUNDS[size.value]!);
    expect(bySize.totalCount).toBe(size.count);
    await page.locator(`.field:has(#f-size) [data-value="${size.value}"]`).click();
    await waitForSummary(page, bySize.totalCount, 1);
    expect(await page.getByLabel('Size (parameters)', { exact: true }).inputValue()).toBe(size.value);
    await expectFacetsOf(bySize);
    const license = bySize.facets.licenses[0]!;
    expect(bySize.facets.licenses.length).toBeGreaterThan(1);
    const byLicense = await browse({ ...SIZE_BOUNDS[size.value]!, licenses: [license.value] });
    expect(byLicense.totalCount).toBe(license.count);
    await page.locator(`.field:has(#f-license) [data-value="${license.value}"]`).focus();
    await page.keyboard.press('Enter');
    await waitForSummary(page, byLicense.totalCount, 1);
    await expectFacetsOf(byLicense);
    const takes = byLicense.facets.inputModalities[0]!;
    const modality = takes.value === '3d' ? 'THREE_D' : (takes.value.toUpperCase() as 'TEXT');
    const byInput = await browse({
      ...SIZE_BOUNDS[size.value]!,
      licenses: [license.value],
      inputModalities: [modality],
    });
    expect(byInput.totalCount).toBe(takes.count);
    await page.locator(`.field:has(#f-takes) [data-value="${takes.value}"]`).click();
    await waitForSummary(page, byInput.totalCount, 1);
    await expectFacetsOf(byInput);
    expect(new URL(page.url()).searchParams.get('license')).toBe(license.value);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('pages forward and back by cursor', async () => {
    const { page, problems } = await open('?quality=true&pageSize=10');
    const variables: FilteredModelsQueryVariables = {
      filter: { quality: true },
      orderBy: { field: 'DOWNLOADS', direction: 'DESC' },
      first: 10,
    };
    const first = (await demo.query(FilteredModelsDocument, variables)).models;
    const second = (await demo.query(FilteredModelsDocument, { ...variables, after: first.pageInfo.endCursor })).models;
    const ids = (models: typeof first) => models.nodes.map((model) => model.id);
    await waitForSummary(page, first.totalCount, 1);
    expect((await modelLinks(page)).map((link) => link.id)).toEqual(ids(first));
    expect(await page.getByRole('button', { name: 'Previous page' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Next page' }).click();
    await waitForSummary(page, first.totalCount, 2);
    expect((await modelLinks(page)).map((link) => link.id)).toEqual(ids(second));

    await page.getByRole('button', { name: 'Previous page' }).click();
    await waitForSummary(page, first.totalCount, 1);
    expect((await modelLinks(page)).map((link) => link.id)).toEqual(ids(first));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('can be used with the keyboard alone: every control is reached by Tab, Enter applies and pages', async () => {
    const { page } = await open();
    const reached: string[] = [];
    for (let presses = 0; presses < 240 && !reached.includes('next-page'); presses++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate<string>('document.activeElement.id || document.activeElement.tagName'));
    }
    for (const id of ['f-search', 'f-task', 'f-library', 'f-author', 'f-min-downloads', 'f-min-likes']) {
      expect(reached, id).toContain(id);
    }
    for (const id of ['f-gated', 'f-quality', 'f-license', 'f-language', 'f-size', 'f-takes', 'f-gives']) {
      expect(reached, id).toContain(id);
    }
    for (const id of ['f-order', 'f-page-size', 'models-box', 'next-page']) {
      expect(reached, id).toContain(id);
    }

    const expected = (
      await demo.query(FilteredModelsDocument, {
        filter: { minLikes: 100 },
        orderBy: { field: 'DOWNLOADS', direction: 'DESC' },
        first: 25,
      })
    ).models;
    await page.getByLabel('Min likes').focus();
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    await waitForSummary(page, expected.totalCount, 1);
    await page.getByRole('button', { name: 'Next page' }).focus();
    await page.keyboard.press('Enter');
    await waitForSummary(page, expected.totalCount, 2);
    await page.close();
  });

  it('has no serious or critical accessibility violations, in the light and the dark scheme', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const watched = await watchedPage(browser.context(), demo.origin);
      await watched.page.emulateMedia({ colorScheme });
      const page = await openDashboard(demo, watched);
      expect(await seriousViolations(page), colorScheme).toEqual([]);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await seriousViolations(page), `${colorScheme}, 390 px`).toEqual([]);
      expect(watched.problems).toEqual([]);
      await page.close();
    }
  });

  it('fits a 390 px phone without sideways scrolling, and writes screenshots at desktop and phone widths', async () => {
    const phone = await watchedPage(browser.context(), demo.origin);
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await openDashboard(demo, phone, '?pageSize=10');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    mkdirSync(REPORTS, { recursive: true });
    await phone.page.screenshot({ path: new URL('dashboard-phone.png', REPORTS).pathname, fullPage: true });
    await phone.page.close();

    for (const colorScheme of ['light', 'dark'] as const) {
      const desktop = await watchedPage(browser.context(), demo.origin);
      await desktop.page.emulateMedia({ colorScheme });
      await openDashboard(demo, desktop, '?pageSize=10');
      const path = new URL(`dashboard-desktop-${colorScheme}.png`, REPORTS);
      await desktop.page.screenshot({ path: path.pathname, fullPage: true });
      expect(desktop.problems).toEqual([]);
      await desktop.page.close();
    }
  });
});

describe("the dashboard against a capped upstream crawled with the gateway's two sorts", () => {
  const browser = useChromium();
  const demo = useDemo(['--capped', '--strategy', 'multi-sort', '--sorts', 'likes,downloads', '--evolve-every', '0']);

  it('shows the estimates with their intervals, marked as lower bounds, and the 1,000 / 204 / 796 split', async () => {
    const watched = await watchedPage(browser.context(), demo.origin);
    // Opened before anything else asks for the catalog, so this first render waits for the demo's first fetch.
    const page = await openDashboard(demo, watched);
    recordTiming('statusRenderedColdMs', await statusRenderedMs(page));
    const report = (await demo.query(CoverageReportDocument)).fetchReport!;
    const estimates = report.estimates!;

    expect(await tableRows(page, 'Per-sort counts')).toEqual([
      ['likes', '1', '1,000', '1,000', '0', '1,000', 'capped'],
      ['downloads', '1', '1,000', '204', '796', '1,204', 'capped'],
    ]);
    expect((await statusFact(page, 'Complete')).value).toBe('Not proven');
    expect(await statusFact(page, 'Coverage')).toEqual({
      value: percent(report.coverage.ratio!),
      note: report.coverage.basis,
    });
    expect(await page.locator('#estimates-body .caveat').innerText()).toBe(estimates.caveat);
    expect(estimates.caveat).toMatch(/^Lower bounds/);
    const chao = estimates.chao!;
    expect(await tableRows(page, 'Estimates of the total (lower bounds)')).toEqual([
      ...estimates.chapman.map((pair) => [
        `Chapman ${pair.a} × ${pair.b}`,
        `≥ ${estimate(pair.estimate)}`,
        `${estimate(pair.interval95.low)}–${estimate(pair.interval95.high)}`,
        `${count(pair.n1)} and ${count(pair.n2)} seen, ${count(pair.recaptured)} by both`,
      ]),
      [
        'Chao, all sorts',
        `≥ ${estimate(chao.estimate)}`,
        `${estimate(chao.interval95.low)}–${estimate(chao.interval95.high)}`,
        `${count(chao.observed)} seen; ${count(chao.f1)} by one sort, ${count(chao.f2)} by two`,
      ],
    ]);
    const chart = page.locator('#estimates-body svg');
    expect(await chart.locator('g[data-label="dot"] circle').count()).toBe(estimates.chapman.length + 1);
    expect(await chart.getByText(`≥ ${estimate(chao.estimate)}`).count()).toBe(1);
    await page
      .locator('#sorts-curve')
      .getByText(`lower bound on the total, ${estimate(report.coverage.total!)}`)
      .first()
      .waitFor();
    expect(watched.problems).toEqual([]);
    await page.close();
  });
});

describe('the dashboard when the first fetch failed (hubcat serve, an upstream that answers 404)', () => {
  let upstream: Server | null = null;
  beforeAll(async () => {
    upstream = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"Not Found"}');
    });
    await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => upstream?.close(() => resolve())));
  const browser = useChromium();
  const server = useHubcat(() => [
    'serve',
    '--upstream',
    `http://127.0.0.1:${(upstream!.address() as AddressInfo).port}`,
  ]);

  it("shows the cache's state and its last error, and no report, rather than failing", async () => {
    // `catalog` joins the first fetch, so its answer comes once that fetch has failed.
    const response = await fetch(new URL('/graphql', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ catalog { lastError } }' }),
    });
    const { catalog } = ((await response.json()) as { data: { catalog: { lastError: string } } }).data;
    expect(catalog.lastError).toMatch(/404/);

    const watched = await watchedPage(browser.context(), server.origin);
    await watched.page.goto(server.url);
    await watched.page.locator('#status:not([aria-busy]) .facts').waitFor();
    expect((await statusFact(watched.page, 'Models')).value).toBe('0');
    expect((await statusFact(watched.page, 'Fetch report')).value).toBe('none yet');
    expect((await statusFact(watched.page, 'Last error')).value).toBe(catalog.lastError);
    expect(await watched.page.locator('section.report:visible').count()).toBe(0);
    await watched.page.locator('#browser-error').getByText('no catalog yet').waitFor();
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  });
});

describe('the dashboard while the first catalog is fetched (hubcat serve, a slow upstream)', () => {
  const emulator = useEmulator({ latencyMs: 800 });
  const browser = useChromium();
  const server = useHubcat(() => ['serve', '--upstream', emulator.url]);

  it('says the first catalog is being fetched, busy, then shows the report when it arrives, without reload', async () => {
    const watched = await watchedPage(browser.context(), server.origin);
    await watched.page.goto(server.url);
    const waiting = watched.page.locator('#status[aria-busy="true"] [role="status"]');
    await waiting.getByText('Fetching the first catalog from').waitFor({ timeout: 5000 });
    // Shown while the server is not ready: the page is not waiting on a request that joined the fetch.
    expect((await fetch(new URL('/readiness', server.url))).status).toBe(503);

    await watched.page.locator('#status:not([aria-busy]) .facts').waitFor({ timeout: 60_000 });
    const api = await server.query(CoverageReportDocument);
    expect(api.catalog.size).toBeGreaterThan(0);
    expect((await statusFact(watched.page, 'Models')).value).toBe(count(api.catalog.size));
    expect(await watched.page.locator('#first-catalog').count()).toBe(0);
    await watched.page.locator('#models tbody tr').first().waitFor();
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  }, 90_000);
});
