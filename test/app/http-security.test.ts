import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createYoga } from 'graphql-yoga';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSecurity, listen, type RunningServer } from '../../src/app/index.ts';
import { loadConfig } from '../../src/config.ts';
import { GraphiQLAssets, schema } from '../../src/graphql/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor } from '../support/graphql.ts';

const ATTACKER = 'https://attacker.example';
const FRONTEND = 'https://gateway.example';
const GRAPHQL_POST = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ catalog { size } }' }),
};

function preflight(origin: string): RequestInit {
  return {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  };
}

describe('CORS', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  const servers: RunningServer[] = [];
  const serve = async (env: Record<string, string> = {}) => {
    const server = await listen(appFor(emulator.url, {}, {}, env), 0, '127.0.0.1');
    servers.push(server);
    return server;
  };
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  it('lets any page read the API anonymously by default, and never with credentials', async () => {
    const server = await serve();
    const answer = await fetch(`${server.url}/graphql`, {
      ...GRAPHQL_POST,
      headers: { ...GRAPHQL_POST.headers, origin: ATTACKER },
    });
    const check = await fetch(`${server.url}/graphql`, preflight(ATTACKER));

    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(check.status).toBe(204);
    expect(check.headers.get('access-control-allow-origin')).toBe('*');
    expect(check.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(check.headers.get('access-control-allow-headers')).toBe('content-type');
    for (const response of [answer, check]) expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('admits only the configured origins, echoing each with Vary: Origin', async () => {
    const server = await serve({ HUBCAT_CORS_ORIGINS: `${FRONTEND}, https://admin.example:8443` });
    const allowed = await fetch(`${server.url}/graphql`, {
      ...GRAPHQL_POST,
      headers: { ...GRAPHQL_POST.headers, origin: FRONTEND },
    });
    const refused = await fetch(`${server.url}/graphql`, {
      ...GRAPHQL_POST,
      headers: { ...GRAPHQL_POST.headers, origin: ATTACKER },
    });
    const allowedCheck = await fetch(`${server.url}/graphql`, preflight(FRONTEND));
    const refusedCheck = await fetch(`${server.url}/graphql`, preflight(ATTACKER));
    const nullOrigin = await fetch(`${server.url}/graphql`, preflight('null'));

    expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONTEND);
    expect(allowedCheck.headers.get('access-control-allow-origin')).toBe(FRONTEND);
    for (const response of [refused, refusedCheck, nullOrigin]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    for (const response of [allowed, refused, allowedCheck, refusedCheck, nullOrigin]) {
      expect(response.headers.get('vary')).toMatch(/Origin/);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it.each([
    ['*', '*'],
    [' https://a.example , https://b.example:8443/ ', ['https://a.example', 'https://b.example:8443']],
  ])('reads HUBCAT_CORS_ORIGINS=%j', (value, origins) => {
    expect(loadConfig({}, { HUBCAT_CORS_ORIGINS: value }).corsOrigins).toEqual(origins);
  });

  it.each(['https://a.example/app', 'a.example', 'https://a.example, *', ','])(
    'refuses HUBCAT_CORS_ORIGINS=%j in one line',
    (value) => {
      expect(() => loadConfig({}, { HUBCAT_CORS_ORIGINS: value })).toThrow(
        'HUBCAT_CORS_ORIGINS: must be * or a comma list of origins such as https://app.example.com',
      );
    },
  );
});

describe('security headers', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(appFor(emulator.url, {}, { graphiql: true }), 0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it.each([
    ['a GraphQL answer', '/graphql', GRAPHQL_POST],
    ['a refused query', '/graphql', { ...GRAPHQL_POST, body: JSON.stringify({ query: '{' }) }],
    ['the liveness probe', '/health', {}],
    ['an unknown path', '/nothing-here', {}],
    ['a preflight', '/graphql', preflight(FRONTEND)],
  ])('come with %s', async (_, path, init) => {
    const response = await fetch(`${server.url}${path}`, init);

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'",
    );
  });

  it("give GraphiQL a policy of its own, which still forbids framing and any fetch but this server's", async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    const policy = response.headers.get('content-security-policy') ?? '';

    expect(await response.text()).toMatch(/graphiql/i);
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("worker-src 'self' blob:");
    expect(policy).not.toContain('unpkg.com');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serve GraphiQL as a page of a few kilobytes, its script and styles gzipped and cached for good', async () => {
    const page = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page.length).toBeLessThan(4096);
    const assets = [...page.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toHaveLength(3);
    for (const path of assets) {
      const response = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      if (!path.endsWith('.ico')) expect(response.headers.get('content-encoding')).toBe('gzip');
      const etag = response.headers.get('etag')!;
      const again = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
    const script = assets.find((path) => path.endsWith('.js'))!;
    const declared = await fetch(`${server.url}${script}`, { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    // The bundle is about 8 MB; gzipped, a quarter of that crosses the network, once per browser.
    expect(Number(declared.headers.get('content-length'))).toBeLessThan(2_500_000);
  });
});

describe('GraphiQL under NODE_ENV=production', () => {
  it('is off unless HUBCAT_GRAPHIQL turns it on', () => {
    expect(loadConfig({}, { NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(loadConfig({}, { NODE_ENV: 'production', HUBCAT_GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(loadConfig({}, {}).graphiql).toBe(true);
  });
});

const CHROMIUM = '/usr/bin/chromium';

describe('GraphiQL under its policy, in a browser', () => {
  it('renders, and runs a query against /graphql, with no policy violation', async () => {
    expect(existsSync(CHROMIUM), `install Chromium: apt-get install -y chromium`).toBe(true);
    // GraphiQL with its assets served by this server, as hubcat serves it (the stock page's assets come from
    // unpkg.com, which a machine without internet cannot load).
    const graphiql = new GraphiQLAssets();
    const yoga = createYoga({
      schema,
      cors: false,
      renderGraphiQL: graphiql.render,
      plugins: [graphiql.plugin, httpSecurity({ corsOrigins: '*' })],
    });
    const server = createServer((request, response) => void yoga(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
            `${event.violatedDirective} ${event.blockedURI}`,
          );
        });
      });

      await page.goto(url);
      await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
      await page.waitForSelector('.graphiql-editor', { timeout: 20_000 });
      const answer = await page.evaluate(async () => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        return response.json() as Promise<unknown>;
      });

      expect(answer).toEqual({ data: { __typename: 'Query' } });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);
});

describe('security headers outside Yoga', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let server: RunningServer;
  beforeAll(async () => {
    const unbuilt = new URL(`file://${mkdtempSync(join(tmpdir(), 'hubcat-no-dashboard-'))}/`);
    server = await listen(appFor(emulator.url), 0, '127.0.0.1', { dashboardDir: unbuilt });
  });
  afterAll(() => server.close());

  it.each([
    ['the dashboard’s 503 when it is not built', '/', 503],
    ['a dashboard asset that is not there', '/assets/missing.js', 503],
  ])('come with %s', async (_what, path, status) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
  });
});
