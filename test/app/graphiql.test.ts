import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/app/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, execute } from '../support/graphql.ts';

/** Debian's package; `apt-get install -y chromium` (a browser download by npm cannot work offline). */
const CHROMIUM = '/usr/bin/chromium';

describe('GraphiQL, offline', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
    server = await listen(appFor(emulator.url, {}, { graphiql: true }), 0, '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('renders from the server alone: every request the page makes goes to hubcat itself', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    // Anything outside hubcat's origin is recorded and refused, as it would fail without internet.
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      requested.push(url);
      await (new URL(url).origin === server.url ? route.continue() : route.abort());
    });
    await page.goto(`${server.url}/graphql`);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
    await page.close();

    const external = requested.filter((url) => !url.startsWith(server.url));
    expect(external).toEqual([]);
    expect(requested[0]).toBe(`${server.url}/graphql`);
  }, 60_000);

  it('links no stylesheet, script or image from another host in the page itself', async () => {
    const html = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const tags = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*>/gi)].map((tag) => tag[0]);
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.filter((tag) => /\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.test(tag))).toEqual([]);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr\.net|cdnjs|fonts\.googleapis/);
  });

  it('is not served when HUBCAT_GRAPHIQL is false', async () => {
    const off = await listen(appFor(emulator.url, { graphiql: 'false' }, { graphiql: undefined }), 0, '127.0.0.1');
    try {
      const response = await fetch(`${off.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
      expect(await response.text()).not.toMatch(/graphiql/i);
    } finally {
      await off.close();
    }
  });
});

describe("GraphiQL's first query", () => {
  const emulator = useEmulator({ preset: 'tiny' });

  it('is a hubcat query that runs as it stands, not Yoga’s stock comment', async () => {
    const app = appFor(emulator.url, {}, { graphiql: true });
    const html = await (await app.yoga.fetch('http://hubcat/graphql', { headers: { accept: 'text/html' } })).text();
    const options = JSON.parse(
      /<script type="application\/json" id="graphiql-options">(.*?)<\/script>/s.exec(html)![1]!,
    ) as {
      defaultQuery: string;
    };
    const answer = await execute(app, options.defaultQuery);
    await app.close();

    expect(options.defaultQuery).toMatch(/^# hubcat: /);
    expect(options.defaultQuery).not.toMatch(/Welcome to GraphiQL/i);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toHaveProperty('models.totalCount');
  });
});
