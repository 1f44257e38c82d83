import { describe, expect, it } from 'vitest';
import { useChromium, watchedPage } from '../support/browser.ts';
import { useDemo } from '../support/dashboard.ts';

describe('the dashboard of a server that runs only its trusted documents', () => {
  const browser = useChromium();
  const demo = useDemo(['--evolve-every', '0'], { HUBCAT_DOCUMENTS: 'trusted' });

  it('shows the status, the report, the changes and the models, naming every operation by its hash', async () => {
    const { page, problems } = await watchedPage(browser.context(), demo.origin);
    const sent: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname !== '/graphql') return;
      sent.push(request.method() === 'POST' ? (request.postData() ?? '') : url.search);
    });
    await page.goto(demo.url);
    await page.locator('#status:not([aria-busy]) .facts').waitFor();
    await page.locator('#models tbody tr').first().waitFor();
    await page.locator('#sorts-curve svg').waitFor();
    await page.locator('#changes').waitFor({ state: 'attached' });

    expect(problems).toEqual([]);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    for (const request of sent) {
      expect(request).toMatch(/persistedQuery|sha256Hash/);
      expect(request).not.toMatch(/"query"|[?&]query=/);
    }
    await page.close();
  });
});
