import type { Page } from 'playwright-core';

/** Numbers as a person reading the en-US page sees them, formatted here independently of the page's code. */
export const count = (value: number): string => value.toLocaleString('en-US');
export const estimate = (value: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/** The value and note of one fact of the status, found by its term. */
export async function statusFact(page: Page, term: string): Promise<{ value: string; note: string | null }> {
  const fact = page.locator('#status .fact').filter({ has: page.getByText(term, { exact: true }) });
  const note = fact.locator('.note');
  return {
    value: (await fact.locator('.value').innerText()).trim(),
    note: (await note.count()) > 0 ? (await note.innerText()).trim() : null,
  };
}

/** The body rows of the table with this caption, each as its cells' text. */
export async function tableRows(page: Page, caption: string | RegExp): Promise<string[][]> {
  const table = page.locator('table').filter({ has: page.getByText(caption, { exact: true }) });
  const rows = await table.locator('tbody tr').allInnerTexts();
  return rows.map((row) => row.split('\t').map((cell) => cell.trim()));
}

/** Ids and link targets of the models table's rows. */
export async function modelLinks(page: Page): Promise<{ id: string; href: string | null }[]> {
  const links = page.locator('#models tbody tr td:first-child a');
  const ids = await links.allInnerTexts();
  const hrefs = await Promise.all(ids.map((_, index) => links.nth(index).getAttribute('href')));
  return ids.map((id, index) => ({ id, href: hrefs[index] ?? null }));
}

/** Waits until the browser's summary says it shows this page of `total` models. */
export async function waitForSummary(page: Page, total: number, pageNumber: number): Promise<void> {
  const text = total === 0 ? 'No model matches' : `${count(total)} models match; page ${pageNumber} shows`;
  await page.locator('#browser-summary').getByText(text).waitFor();
  await page.locator('#models-box:not([aria-busy])').waitFor();
}

/** The facet values listed under a filter field, each as its value and its count as shown. */
export async function facetCounts(page: Page, fieldId: string): Promise<[string, string][]> {
  const buttons = page.locator(`.field:has(#${fieldId}) .facets button`);
  const values = await buttons.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-value')));
  const counts = await buttons.locator('.facet-count').allInnerTexts();
  return values.map((value, index) => [value ?? '', counts[index] ?? '']);
}
