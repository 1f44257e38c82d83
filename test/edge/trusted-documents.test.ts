import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };
import { listen, type App, type RunningServer } from '../../src/app/index.ts';
import { runHubcat } from '../support/cli.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor } from '../support/graphql.ts';

const OPERATIONS = new URL('../../schema/operations/', import.meta.url);

/** Every operation of `schema/operations/`, by name, with the text of its file. */
const sources = readdirSync(OPERATIONS)
  .filter((name) => name.endsWith('.graphql'))
  .map((file) => {
    const text = readFileSync(new URL(file, OPERATIONS), 'utf8');
    const operation = parse(text).definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    return { name: operation.name!.value, kind: operation.operation, text };
  });

const trusted = Object.entries(manifest as Record<string, string>).map(([hash, text]) => {
  const operation = parse(text).definitions[0] as OperationDefinitionNode;
  return { hash, text, name: operation.name!.value, kind: operation.operation };
});

interface Answer {
  status: number;
  code: unknown;
  data: unknown;
}

async function send(app: App, body: object): Promise<Answer> {
  const response = await app.yoga.fetch('http://hubcat/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  return { status: response.status, code: json.errors?.[0]?.extensions?.code ?? null, data: json.data ?? null };
}

const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('the trusted documents manifest', () => {
  it('holds every operation of schema/operations/, each under the SHA-256 of its text', () => {
    expect(trusted.map((document) => document.name).sort()).toEqual(sources.map((source) => source.name).sort());
    for (const { hash, text } of trusted) expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
  });
});

describe('HUBCAT_DOCUMENTS=trusted', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let app: App;
  beforeAll(() => {
    app = appFor(emulator.url, {}, {}, { HUBCAT_DOCUMENTS: 'trusted' });
  });
  afterAll(() => app.close());

  it.each(
    trusted
      .filter((document) => document.kind === OperationTypeNode.QUERY)
      .map((document) => [document.name, document]),
  )('runs %s by its hash', async (_name, document) => {
    const answer = await send(app, byHash(document.hash));
    expect(answer.code).toBeNull();
    expect(answer.status).toBe(200);
    expect(answer.data).not.toBeNull();
  });

  it.each(
    sources.filter((source) => source.kind === OperationTypeNode.QUERY).map((source) => [source.name, source.text]),
  )('runs %s sent as the text of its file, or as the manifest has it', async (name, text) => {
    expect((await send(app, { query: text })).code).toBeNull();
    const printed = trusted.find((document) => document.name === name)!.text;
    expect((await send(app, { query: printed })).code).toBeNull();
  });

  it.each([
    ['an operation of its own', { query: '{ __typename }' }],
    [
      'a trusted operation with a field added',
      { query: 'query Providers { providers { name live } catalog { size } }' },
    ],
    ['the 90-alias introspection bomb', { query: `{ ${bomb(90)} }` }],
    ['text that is not GraphQL', { query: '}'.repeat(50_000) }],
  ])('refuses %s with a coded 400 before parsing it', async (_what, body) => {
    const answer = await send(app, body);
    expect(answer).toMatchObject({ status: 400, code: 'DOCUMENT_NOT_TRUSTED', data: null });
  });

  it('refuses a hash it does not know, and says so in the code APQ clients read', async () => {
    const answer = await send(app, byHash('0'.repeat(64)));
    expect(answer).toMatchObject({ status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' });
  });

  it('runs CatalogUpdated by its hash over Server-Sent Events, as the dashboard subscribes', async () => {
    const hash = trusted.find((document) => document.name === 'CatalogUpdated')!.hash;
    const url = new URL('http://hubcat/graphql');
    url.searchParams.set('extensions', JSON.stringify(byHash(hash).extensions));
    const controller = new AbortController();
    const response = await app.yoga.fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
    await response.body?.cancel().catch(() => undefined);
  });
});

describe('HUBCAT_DOCUMENTS=open (the default)', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let app: App;
  beforeAll(() => {
    app = appFor(emulator.url);
  });
  afterAll(() => app.close());

  it('runs any document within the limits, and the trusted ones by hash too', async () => {
    expect(await send(app, { query: '{ __typename }' })).toMatchObject({ status: 200, code: null });
    const catalog = trusted.find((document) => document.name === 'CatalogReadiness')!;
    expect(await send(app, byHash(catalog.hash))).toMatchObject({ status: 200, code: null });
  });
});

describe('`hubcat changes` against a server running only its trusted documents', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(appFor(emulator.url, {}, {}, { HUBCAT_DOCUMENTS: 'trusted' }), 0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('reads the feed by hash', async () => {
    const result = await runHubcat(['changes', '--server', server.url, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});

function bomb(aliases: number): string {
  return Array.from(
    { length: aliases },
    (_, i) => `a${i}: __schema { types { name fields { name args { name } } } }`,
  ).join(' ');
}
