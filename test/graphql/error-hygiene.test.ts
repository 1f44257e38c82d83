import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { pino, type Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHubcatYoga, type HubcatServerOptions } from '../../src/graphql/index.ts';
import { HubClient, HubHttpError, HubProtocolError } from '../../src/hub/index.ts';
import type { CatalogCache } from '../../src/store/index.ts';
import { rejection } from '../hub/helpers.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, execute } from '../support/graphql.ts';
import { startHostileUpstream, type Hostility } from '../support/hostile-upstream.ts';

const TOKEN = 'hf_Q7vX9kLm2TzR4wYp8NbJ5cHd3FsG6aE1';

/** Every piece of the token long enough to mean something: no output may hold any of them. */
const FRAGMENTS = Array.from({ length: TOKEN.length - 5 }, (_, start) => TOKEN.slice(start, start + 6));

function expectNoFragment(text: string): void {
  const leaked = FRAGMENTS.filter((fragment) => text.includes(fragment));
  expect(leaked, `token fragments in: ${text.slice(0, 300)}`).toEqual([]);
}

/** 300 characters of filler with the token at `position`. */
function withTokenAt(position: number): string {
  const filler = 'x'.repeat(300);
  return `${filler.slice(0, position)}${TOKEN}${filler.slice(position)}`;
}

/** Bodies an upstream might send back with the token in them (an echoing proxy, a debug page). */
const bodies: Record<string, (text: string) => Omit<Extract<Hostility, { kind: 'body' }>, 'kind'>> = {
  'a page that is not JSON': (text) => ({ status: 200, body: text, contentType: 'text/html' }),
  'a Hub error message': (text) => ({
    status: 400,
    body: JSON.stringify({ error: text }),
    contentType: 'application/json',
  }),
  'an invalid item': (text) => ({
    status: 200,
    body: JSON.stringify([{ id: text, likes: text }]),
    contentType: 'application/json',
  }),
};

/** Everything an operator or a client could see of an error. */
function exposures(error: unknown): string {
  return [
    String(error),
    JSON.stringify(error, Object.getOwnPropertyNames(error)),
    inspect(error, { depth: 10, showHidden: true }),
  ].join('\n');
}

describe('the token, sent back by the upstream', () => {
  const emulator = useEmulator({ preset: 'tiny', tokens: [TOKEN] });

  it.each(Object.keys(bodies))(
    'never appears, even in part, in the error for %s, wherever the token sits',
    async (kind) => {
      const hostility: Extract<Hostility, { kind: 'body' }> = { kind: 'body', ...bodies[kind]!('') };
      const hostile = await startHostileUpstream(emulator.url, hostility);
      const client = new HubClient({ endpoint: hostile.url, token: TOKEN, maxRetries: 0 });
      try {
        // Every position from the start to the end, so every cut (JSON.parse's 10-character quote, an evidence limit)
        // falls inside the token somewhere.
        for (let position = 0; position <= 300; position++) {
          Object.assign(hostility, bodies[kind]!(withTokenAt(position)));
          const error = await rejection(client.fetchPage(client.buildListUrl({ limit: 5 }), 0));
          expect(error instanceof HubHttpError || error instanceof HubProtocolError).toBe(true);
          expectNoFragment(exposures(error));
        }
      } finally {
        await hostile.close();
      }
    },
    60_000,
  );

  it.each([
    ['at the start', 0],
    ['in the middle', 150],
    ['at the end', 300],
    ["across JSON.parse's 10-character quote", 5],
    ['across the 80th character', 80 - 10],
    ['across the 200th character', 200 - 10],
  ])('never appears in lastError, the API or the log when the body has it %s', async (_, position) => {
    for (const kind of Object.keys(bodies)) {
      const hostile = await startHostileUpstream(emulator.url, {
        kind: 'body',
        ...bodies[kind]!(withTokenAt(position)),
      });
      const log = memoryLog();
      const app = appFor(hostile.url, { sorts: 'likes' }, { logger: log.logger }, { HF_TOKEN: TOKEN });
      const status = await execute(app, '{ catalog { lastError } }');
      const seen = [
        status,
        await execute(app, '{ fetchReport { errors } }'),
        await execute(app, '{ models { totalCount } }'),
      ];
      await app.close();
      await hostile.close();

      expect(status.data).toMatchObject({
        catalog: { lastError: expect.stringMatching(/HubHttpError|HubProtocolError/) },
      });
      expect(log.text()).toMatch(/capture failed/);
      expectNoFragment(JSON.stringify(seen));
      expectNoFragment(log.text());
    }
  });
});

describe('CATALOG_UNAVAILABLE', () => {
  const emulator = useEmulator({ preset: 'tiny' });

  it('says in one short line why there is no catalog: the first failure, and how many more', async () => {
    emulator.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    const app = appFor(emulator.url, { strategy: 'auto', sorts: 'createdAt,likes,downloads' });
    const result = await execute(app, '{ models { totalCount } }');
    emulator.setFaults([]);
    await app.close();

    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('CATALOG_UNAVAILABLE');
    expect(error?.message).toMatch(
      /^no catalog yet: refresh failed: every capture failed; the first: \w+: HubHttpError on page 1: HTTP 503 Service Unavailable after 6 attempts( \(request id [^)]+\))? \(and 2 more\)$/,
    );
    expect(error?.message).not.toMatch(/:\/\//);
    expect(error?.message.length).toBeLessThan(300);
  });
});

describe('masked errors', () => {
  // The change feed and the live subscription are not what these queries touch.
  const liveParts = {} as Pick<HubcatServerOptions, 'history' | 'historyRecorded' | 'updates' | 'schedule'>;

  it('reach the client as "Unexpected error." and the operator with their cause', async () => {
    const causes: unknown[] = [];
    const brokenCatalog = {
      snapshot: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'models')")),
      served: () => null,
    } as unknown as CatalogCache;
    const yoga = createHubcatYoga({
      catalog: brokenCatalog,
      qualityBar: { minDownloads: 0, minLikes: 0 },
      graphiql: false,
      onUnexpectedError: (error) => causes.push(error),
      ...liveParts,
    });

    const response = await yoga.fetch('http://hubcat/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ models { totalCount } }' }),
    });
    const body = (await response.json()) as { errors: { message: string }[] };

    expect(body.errors.map((error) => error.message)).toEqual(['Unexpected error.']);
    expect(JSON.stringify(body)).not.toMatch(/reading 'models'/);
    expect(causes).toHaveLength(1);
    expect(inspect(causes[0])).toMatch(/TypeError: Cannot read properties of undefined \(reading 'models'\)/);
  });

  it('are not reported for errors the client caused', async () => {
    const causes: unknown[] = [];
    const yoga = createHubcatYoga({
      catalog: {
        snapshot: () => Promise.reject(new Error('unused')),
        served: () => null,
      } as unknown as CatalogCache,
      qualityBar: { minDownloads: 0, minLikes: 0 },
      graphiql: false,
      onUnexpectedError: (error) => causes.push(error),
      ...liveParts,
    });

    await yoga.fetch('http://hubcat/graphql?query=%7B%20modls%20%7D');
    await yoga.fetch('http://hubcat/graphql?query=%7B%20models(first%3A%200)%20%7B%20totalCount%20%7D%20%7D');

    expect(causes).toEqual([]);
  });
});

/** A real pino logger, as `hubcat serve` uses, writing its JSON lines to memory. */
function memoryLog(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({}, stream), text: () => lines.join('') };
}
