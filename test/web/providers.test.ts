import { describe, expect, it } from 'vitest';
import { BrowsedModelsDocument, ProvidersDocument, type ProvidersQuery } from '../../schema/generated/graphql.ts';
import { seriousViolations, useChromium, watchedPage } from '../support/browser.ts';
import { useDemo } from '../support/dashboard.ts';
import { count, facetCounts, percent, tableRows, waitForSummary } from './page-reading.ts';

type Provider = ProvidersQuery['providers'][number];

const REPORTS = new URL('../../.reports/', import.meta.url);

describe('the dashboard over a catalog of every provider (providers-2025-11, --providers all)', () => {
  const browser = useChromium();
  const demo = useDemo([
    '--preset',
    'providers-2025-11',
    '--providers',
    'all',
    '--strategy',
    'auto',
    '--sorts',
    'createdAt',
    '--evolve-every',
    '0',
  ]);

  async function open() {
    const watched = await watchedPage(browser.context(), demo.origin);
    await watched.page.goto(demo.url);
    await watched.page.locator('#status:not([aria-busy]) .facts').waitFor();
    await watched.page.locator('#providers-table').waitFor();
    await watched.page.locator('#providers').screenshot({ path: new URL('providers.png', REPORTS).pathname });
    return watched;
  }

  it("lists each provider's live, staging and error counts, proof and coverage as the API reports them", async () => {
    const { page, problems } = await open();
    const { providers } = await demo.query(ProvidersDocument);
    expect(providers.length).toBeGreaterThan(1);
    const row = (p: Provider) => [
      p.name,
      count(p.live),
      count(p.staging),
      count(p.error),
      p.complete ? 'proven' : 'estimated',
      p.coverage?.ratio == null ? 'unknown' : percent(p.coverage.ratio),
      p.coverage?.basis ?? '—',
      p.tasks[0] ? `${p.tasks[0].value} (${count(p.tasks[0].count)})` : '—',
    ];
    expect(await tableRows(page, 'Providers of this catalog, most live models first')).toEqual(providers.map(row));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('offers the provider facet beside its filter field; a value applies and the total is the API’s', async () => {
    const { page, problems } = await open();
    const orderBy = { field: 'DOWNLOADS', direction: 'DESC' } as const;
    const all = (await demo.query(BrowsedModelsDocument, { filter: {}, orderBy, first: 25 })).models;
    await waitForSummary(page, all.totalCount, 1);
    const shown = all.facets.providers.map(({ value, count: n }): [string, string] => [value, count(n)]);
    expect(shown.length).toBeGreaterThan(1);
    expect(await facetCounts(page, 'f-provider')).toEqual(shown);

    const provider = all.facets.providers[1]!.value;
    const filtered = (
      await demo.query(BrowsedModelsDocument, { filter: { providers: [provider] }, orderBy, first: 25 })
    ).models;
    await page.locator(`.field:has(#f-provider) [data-value="${provider}"]`).click();
    await waitForSummary(page, filtered.totalCount, 1);
    expect(filtered.totalCount).toBe(all.facets.providers[1]!.count);
    expect(await page.getByLabel('Provider', { exact: true }).inputValue()).toBe(provider);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('the dashboard over a one-provider catalog', () => {
  const browser = useChromium();
  const demo = useDemo(['--evolve-every', '0']);

  it('has no providers section', async () => {
    const watched = await watchedPage(browser.context(), demo.origin);
    await watched.page.goto(demo.url);
    await watched.page.locator('#status:not([aria-busy]) .facts').waitFor();
    const { providers } = await demo.query(ProvidersDocument);
    expect(providers).toHaveLength(1);
    await watched.page.locator('#providers-body:not([aria-busy])').waitFor({ state: 'attached' });
    expect(await watched.page.locator('#providers').isHidden()).toBe(true);
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  });
});
