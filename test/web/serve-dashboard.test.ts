import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from '../../src/web/index.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends a request with the path exactly as given (no URL normalisation, unlike fetch), as an attacker would. */
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = request({
      host: '127.0.0.1',
      port,
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const SCRIPT = `console.log(${JSON.stringify('hubcat '.repeat(400))});\n`;
const SECRET = 'TOP SECRET: outside the build';

/** A hand-made build: a page, a hashed script and stylesheet, a source map (not a served type), a public icon. */
function writeBuild(dir: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>hubcat</title><script src="/assets/app-1a2b3c.js">');
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.css'), 'body { margin: 0 }');
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.js.map'), '{}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

/** hubcat's handler over `dir`, in front of a stand-in for Yoga that answers 418 to show a request reached it. */
function useSiteServer(dir: () => string): { port: () => number } {
  let server: Server | null = null;
  beforeAll(async () => {
    const next = (_: unknown, response: import('node:http').ServerResponse) => {
      response.writeHead(418, { 'content-type': 'text/plain' });
      response.end('passed on');
    };
    server = createServer(serveDashboard(next, { dir: pathToFileURL(`${dir()}/`) }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));
  return { port: () => (server!.address() as AddressInfo).port };
}

describe('serving the dashboard build', () => {
  const root = mkdtempSync(join(tmpdir(), 'hubcat-site-'));
  const site = join(root, 'site');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeBuild(site);
  const { port } = useSiteServer(() => site);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the page at / with its CSP, to be revalidated, with an ETag that answers 304', async () => {
    const page = await send(port(), '/?task=translation');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body.toString()).toContain('<title>hubcat</title>');

    const again = await send(port(), '/', { headers: { 'if-none-match': String(page.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('serves hashed assets with their content type, cached for good, gzipped only when the client accepts it', async () => {
    const plain = await send(port(), '/assets/app-1a2b3c.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.body.toString()).toBe(SCRIPT);

    const gzipped = await send(port(), '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(SCRIPT.length / 4);
    expect(gunzipSync(gzipped.body).toString()).toBe(SCRIPT);

    const refused = await send(port(), '/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const css = await send(port(), '/assets/app-1a2b3c.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await send(port(), '/favicon.svg');
    expect([icon.status, icon.headers['content-type'], icon.headers['cache-control']]).toEqual([
      200,
      'image/svg+xml',
      'public, max-age=3600',
    ]);
  });

  it('answers HEAD with the headers alone and refuses other methods with 405', async () => {
    const head = await send(port(), '/assets/app-1a2b3c.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(SCRIPT.length);
    expect(head.body.length).toBe(0);

    const post = await send(port(), '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('hands every other request to the GraphQL server', async () => {
    for (const path of [
      '/graphql',
      '/graphql?query=%7B__typename%7D',
      '/health',
      '/readiness',
      '/metrics',
      '/robots.txt',
    ]) {
      const answer = await send(port(), path);
      expect([path, answer.status, answer.body.toString()]).toEqual([path, 418, 'passed on']);
    }
    expect((await send(port(), '/graphql', { method: 'POST' })).status).toBe(418);
  });

  it('never serves a file outside the build or of a type it does not serve, however the path is spelled', async () => {
    const hostile = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2E%2E%5C%2E%2E%5Csecret.txt',
      '/%2e%2e/secret.txt',
      '//secret.txt',
      '/assets//../../secret.txt',
      `/assets/${'../'.repeat(40)}etc/passwd`,
      '/assets/app-1a2b3c.js.map',
      '/index.html/..%00/secret.txt',
    ];
    for (const path of hostile) {
      const answer = await send(port(), path);
      expect([path, answer.status]).toEqual([path, answer.status === 418 ? 418 : 404]);
      expect(answer.body.toString(), path).not.toContain('TOP SECRET');
      expect(answer.body.toString(), path).not.toContain('root:');
      expect(answer.body.toString(), path).not.toBe('{}');
    }
  });
});

describe('serving the dashboard before it is built', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hubcat-unbuilt-'));
  const { port } = useSiteServer(() => dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers / with 503 and how to build it, still serves the API, and serves the build once it appears', async () => {
    const missing = await send(port(), '/');
    expect(missing.status).toBe(503);
    expect(missing.body.toString()).toMatch(/npm run build:web/);
    expect((await send(port(), '/graphql')).status).toBe(418);

    writeBuild(dir);
    const built = await send(port(), '/');
    expect(built.status).toBe(200);
    expect(built.body.toString()).toContain('<title>hubcat</title>');
  });
});
