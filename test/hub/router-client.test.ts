import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { HubHttpError, HubProtocolError, RouterClient } from '../../src/hub/index.ts';
import {
  startForeignHost,
  startHostileUpstream,
  type Hostility,
  type RunningServer,
} from '../support/hostile-upstream.ts';
import { rejection } from './helpers.ts';

const PRESET = 'providers-2025-11';
const running: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ preset: PRESET, ...options });
  running.push(started);
  return started;
}
async function hostile(upstream: string, hostility: Hostility): Promise<RunningServer> {
  const started = await startHostileUpstream(upstream, hostility);
  running.push(started);
  return started;
}
const client = (endpoint: string, options: Partial<ConstructorParameters<typeof RouterClient>[0]> = {}) =>
  new RouterClient({ endpoint, sleep: async () => {}, ...options });

/** A server whose answer has no Content-Length: its size is known only by reading it. */
async function chunkedServer(chunks: string[]): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    for (const chunk of chunks) response.write(chunk);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the router client against what a router should not send', () => {
  it('reads the whole list, validated, in one request', async () => {
    const emu = await emulator();
    const listing = await client(emu.url).listModels();
    expect(listing.models.map((entry) => entry.id)).toEqual(emu.routerModels().map((entry) => entry.id));
    expect(listing).toMatchObject({ requests: 1, pages: 1 });
  });

  it('refuses a body larger than its bound, declared or streamed, without reading the rest', async () => {
    const emu = await emulator();
    const declared = await rejection(client(emu.url, { maxBodyBytes: 4096 }).listModels());
    expect(declared).toBeInstanceOf(HubProtocolError);
    expect((declared as HubProtocolError).reason).toMatch(/larger than 4096 bytes/);
    const streamed = await chunkedServer(['{"object":"list","data":[', 'x'.repeat(5000), ']}']);
    const error = await rejection(client(streamed, { maxBodyBytes: 4096 }).listModels());
    expect((error as HubProtocolError).reason).toMatch(/larger than 4096 bytes/);
  });

  it.each([
    [
      'a price that is text',
      '{"data":[{"id":"a/b","providers":[{"provider":"groq","pricing":{"input":"$1"}}]}]}',
      /entry 0 is invalid: providers\.0\.pricing\.input/,
    ],
    [
      'a negative price',
      '{"data":[{"id":"a/b","providers":[{"provider":"groq","pricing":{"input":-1}}]}]}',
      /entry 0 is invalid/,
    ],
    [
      'a context past a 32-bit Int',
      '{"data":[{"id":"a/b","providers":[{"provider":"groq","context_length":4294967296}]}]}',
      /context_length/,
    ],
    ['no data array', '{"object":"list","models":[]}', /not a model list: data/],
    ['an array instead of a list', '[]', /not a model list/],
  ])('refuses %s as a whole: a half-trusted list is no list', async (_name, body, reason) => {
    const server = await hostile('http://127.0.0.1:9', {
      kind: 'body',
      status: 200,
      body,
      contentType: 'application/json',
    });
    const error = await rejection(client(server.url).listModels());
    expect(error).toBeInstanceOf(HubProtocolError);
    expect((error as HubProtocolError).reason).toMatch(reason);
  });

  it('accepts absent and null figures, unknown fields and an entry without providers', async () => {
    const body = JSON.stringify({
      object: 'list',
      data: [
        { id: 'a/b', providers: [{ provider: 'groq', status: 'live', pricing: null, context_length: null, extra: 1 }] },
        { id: 'c/d', object: 'model' },
      ],
    });
    const server = await hostile('http://127.0.0.1:9', {
      kind: 'body',
      status: 200,
      body,
      contentType: 'application/json',
    });
    const listing = await client(server.url).listModels();
    expect(listing.models.map((entry) => [entry.id, entry.providers.length])).toEqual([
      ['a/b', 1],
      ['c/d', 0],
    ]);
  });

  it('follows no redirect, to its own origin or another', async () => {
    const foreign = await startForeignHost();
    running.push(foreign);
    const server = await hostile('http://127.0.0.1:9', {
      kind: 'redirect',
      status: 302,
      location: (requested) => `${foreign.url}${requested.pathname}`,
    });
    const error = await rejection(client(server.url).listModels());
    expect(error).toBeInstanceOf(HubHttpError);
    expect((error as HubHttpError).summary).toMatch(/HTTP 302 Found after 1 attempt/);
    expect(foreign.requests).toEqual([]);
  });

  it('never follows a Link off the router listing', async () => {
    const foreign = await startForeignHost();
    running.push(foreign);
    const emu = await emulator({ router: { pageSize: 500 } });
    const server = await hostile(emu.url, {
      kind: 'link',
      to: (next) => `${foreign.url}${next.pathname}${next.search}`,
    });
    const error = await rejection(client(server.url).listModels());
    expect((error as HubProtocolError).reason).toMatch(/leads to another origin \(.*\), off the listing: not followed/);
    expect(foreign.requests).toEqual([]);
  });

  it('removes a secret the router echoes from every message, before any cut', async () => {
    const secret = 'hf_Q7vX9kLm2TzR4wYp8NbJ5cHd3FsG6aE1';
    for (const body of [`{"error":{"message":"bad ${secret} token"}}`, `x${secret}`.repeat(10)]) {
      for (const status of [400, 200]) {
        const server = await hostile('http://127.0.0.1:9', {
          kind: 'body',
          status,
          body,
          contentType: 'application/json',
        });
        const error = await rejection(client(server.url, { redact: secret }).listModels());
        const text = JSON.stringify({ ...(error as object), message: (error as Error).message });
        for (let start = 0; start + 6 <= secret.length; start++)
          expect(text).not.toContain(secret.slice(start, start + 6));
      }
    }
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(() => client('file:///etc')).toThrow(/not an http\(s\) URL/);
  });
});
