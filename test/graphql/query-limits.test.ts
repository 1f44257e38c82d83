import { request as httpRequest } from 'node:http';
import { getIntrospectionQuery, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/app/index.ts';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_QUERY_LIMITS } from '../../src/graphql/index.ts';
import {
  CoverageReportDocument,
  FilteredModelsDocument,
  QualityModelsDocument,
} from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, execute, postRaw, query, type RawResponse } from '../support/graphql.ts';

const PROVIDER = 'hf-inference';
const QUALITY = { minDownloads: 100, minLikes: 5 };

/** Every field of Model, as the attacker selected them. */
const EVERY_MODEL_FIELD =
  'id author name pipelineTag libraryName tags downloads likes trendingScore createdAt lastModified gated gatedMode ' +
  'private parameterCount providers { provider providerId status task } foundBy url';

const json = (queryText: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query: queryText, variables });

/** The attacks, built as it describes them. */
const attacks = {
  thousandAliases: json(
    `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: models(first: 500) { totalCount nodes { ${EVERY_MODEL_FIELD} } }`).join(' ')} }`,
  ),
  twoHundredThousandOperations: json(
    Array.from({ length: 200_000 }, (_, i) => `query q${i} { catalog { size } }`).join('\n'),
  ),
  tenThousandNestedFragments: json(`{ ${'... on Query { '.repeat(10_000)}__typename${' }'.repeat(10_000)} }`),
  fiveThousandDeepList: json(`{ models(filter: { tags: ${'['.repeat(5000)}"a"${']'.repeat(5000)} }) { totalCount } }`),
};

function refusal(response: RawResponse): { status: number; code: unknown; limit: unknown } {
  const error = response.body.errors?.[0];
  return { status: response.status, code: error?.extensions?.code, limit: error?.extensions?.limit };
}

describe('query limits: the frontend passes', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });

  it('runs each frontend operation at first: 500 through the guards, and answers it', async () => {
    const app = appFor(emulator.url);
    const served = new Set(emulator.servedIds(PROVIDER));
    const passing = emulator.models.filter(
      (model) =>
        served.has(model.id) &&
        model.downloads > QUALITY.minDownloads &&
        model.likes > QUALITY.minLikes &&
        !model.private,
    );

    const filtered = await query(app, FilteredModelsDocument, { first: 500 });
    const quality = await query(app, QualityModelsDocument, { first: 500 });
    const coverage = await query(app, CoverageReportDocument);
    await app.close();

    expect(filtered.models.totalCount).toBe(served.size);
    expect(filtered.models.nodes).toHaveLength(500);
    expect(quality.models.totalCount).toBe(passing.length);
    expect(quality.models.nodes).toHaveLength(Math.min(500, passing.length));
    expect(coverage.fetchReport?.uniqueModels).toBe(served.size);
  });

  it('answers GraphiQL introspection and 50 batched model lookups of every field', async () => {
    const app = appFor(emulator.url);
    const ids = emulator.servedIds(PROVIDER).slice(0, 50);
    const lookups = ids.map((id, i) => `m${i}: model(id: ${JSON.stringify(id)}) { ${EVERY_MODEL_FIELD} }`).join(' ');

    const introspection = await execute(
      app,
      getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
    );
    const batch = await query<Record<string, { id: string }>, never>(app, `{ ${lookups} }`);
    await app.close();

    expect(introspection.errors).toBeUndefined();
    expect(Object.values(batch).map((model) => model.id)).toEqual(ids);
  });
});

describe('query limits: the issue 7 attacks', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  const app = () => appFor(emulator.url);

  it.each([
    ['the 1,000-alias query with every field', 'thousandAliases'],
    ['the 200,000-operation document', 'twoHundredThousandOperations'],
    ['the 10,000-nested-fragment document', 'tenThousandNestedFragments'],
  ] as const)('refuses %s as too large, in under 100 ms of server time', async (_, attack) => {
    const served = app();
    await query(served, '{ catalog { size } }'); // warm, so nothing else runs while the attack is timed

    const response = await postRaw(served, attacks[attack]);
    await served.close();

    expect(refusal(response)).toEqual({ status: 413, code: 'REQUEST_ENTITY_TOO_LARGE', limit: undefined });
    expect(response.cpuMs).toBeLessThan(100);
  });

  it.each([
    ['the 1,000-alias query with every field', 'thousandAliases', 'tokens'],
    ['the 200,000-operation document', 'twoHundredThousandOperations', 'tokens'],
    ['the 10,000-nested-fragment document', 'tenThousandNestedFragments', 'nesting'],
    ['the 5,000-deep list literal', 'fiveThousandDeepList', 'nesting'],
  ] as const)(
    'refuses %s before parsing it when the body limit lets it in, in under 100 ms of server time',
    async (_, attack, limit) => {
      const roomy = appFor(emulator.url, {}, {}, { HUBCAT_MAX_BODY_BYTES: '10000000' });
      await query(roomy, '{ catalog { size } }');

      const response = await postRaw(roomy, attacks[attack]);
      await roomy.close();

      expect(refusal(response)).toEqual({ status: 400, code: 'QUERY_LIMIT_EXCEEDED', limit });
      expect(response.cpuMs).toBeLessThan(100);
    },
  );

  it('answers a normal query correctly right after the attacks', async () => {
    const served = app();
    for (const body of Object.values(attacks)) await postRaw(served, body);
    const { models } = await query(served, FilteredModelsDocument, {
      filter: { pipelineTags: ['translation'] },
      first: 3,
    });
    await served.close();

    const servedIds = new Set(emulator.servedIds(PROVIDER));
    const translation = emulator.models.filter(
      (model) => servedIds.has(model.id) && model.pipeline_tag === 'translation',
    );
    expect(models.totalCount).toBe(translation.length);
    expect(models.nodes.every((node) => node.pipelineTag === 'translation')).toBe(true);
  });
});

describe('query limits: each guard', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let served: ReturnType<typeof appFor>;
  beforeAll(() => {
    served = appFor(emulator.url);
  });
  afterAll(() => served.close());

  const aliases = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: catalog { size }`).join(' ')} }`;
  const fullPage = (alias: string, first: string) =>
    `${alias}: models(first: ${first}) { nodes { ${EVERY_MODEL_FIELD} } }`;

  it.each([
    ['aliases', aliases(DEFAULT_QUERY_LIMITS.maxAliases + 1)],
    ['tokens', `{ catalog { size } ${'__typename '.repeat(DEFAULT_QUERY_LIMITS.maxTokens)}}`],
    ['nesting', `{ ${'... on Query { '.repeat(101)}__typename${' }'.repeat(101)} }`],
    [
      'operations',
      Array.from({ length: DEFAULT_QUERY_LIMITS.maxOperations + 1 }, (_, i) => `query q${i} { catalog { size } }`).join(
        ' ',
      ),
    ],
    ['directives', `{ catalog { size ${'@include(if: true) '.repeat(DEFAULT_QUERY_LIMITS.maxDirectives + 1)}} }`],
    ['cost', `{ ${fullPage('a', '500')} ${fullPage('b', '500')} }`],
  ])('refuses a document over the %s limit with QUERY_LIMIT_EXCEEDED and HTTP 400', async (limit, document) => {
    const response = await postRaw(served, json(document));

    expect(refusal(response)).toEqual({ status: 400, code: 'QUERY_LIMIT_EXCEEDED', limit });
    expect(response.body.data).toBeUndefined();
  });

  it('accepts the same shapes at their limits', async () => {
    const atLimits = [
      aliases(DEFAULT_QUERY_LIMITS.maxAliases),
      `{ ${'... on Query { '.repeat(99)}__typename${' }'.repeat(99)} }`,
      `{ ${fullPage('a', '500')} }`,
    ];
    for (const document of atLimits) expect((await execute(served, document)).errors).toBeUndefined();
  });

  it('prices a page by the first its variables ask for, even for a document it has already accepted', async () => {
    const document = `query($first: Int) { ${fullPage('a', '$first')} ${fullPage('b', '$first')} }`;

    const small = await postRaw(served, json(document, { first: 5 }));
    const large = await postRaw(served, json(document, { first: 500 }));
    const smallAgain = await postRaw(served, json(document, { first: 5 }));
    const largeAgain = await postRaw(served, json(document, { first: 500 }));

    for (const accepted of [small, smallAgain]) {
      expect(accepted.status).toBe(200);
      expect(accepted.body.errors).toBeUndefined();
    }
    for (const refused of [large, largeAgain]) {
      expect(refusal(refused)).toEqual({ status: 400, code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' });
    }
  });

  it('prices by every variable a page size reads, once the document has been priced', async () => {
    const document = `query($first: Int, $other: Int) { ${fullPage('a', '$first')} ${fullPage('b', '$other')} }`;

    const oneFullPage = await postRaw(served, json(document, { first: 500, other: 5 }));
    const twoFullPages = await postRaw(served, json(document, { first: 500, other: 500 }));

    expect(oneFullPage.status).toBe(200);
    expect(refusal(twoFullPages)).toEqual({ status: 400, code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' });
  });

  it('refuses a query over a configured depth, and a configured cost', async () => {
    const strict = appFor(emulator.url, {}, {}, { HUBCAT_MAX_DEPTH: '3', HUBCAT_MAX_COST: '100' });
    const deep = await postRaw(strict, json(print(CoverageReportDocument)));
    const costly = await postRaw(strict, json('{ models(first: 50) { nodes { id likes } } }'));
    await strict.close();

    expect(refusal(deep)).toEqual({ status: 400, code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth' });
    expect(refusal(costly)).toEqual({ status: 400, code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' });
    expect(costly.body.errors?.[0]?.message).toMatch(/estimated cost is 102, over the limit of 100/);
  });

  it('refuses more than one document per request', async () => {
    const response = await postRaw(
      served,
      JSON.stringify([{ query: '{ catalog { size } }' }, { query: '{ catalog { size } }' }]),
    );

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('query limits over HTTP', () => {
  const emulator = useEmulator({ preset: 'tiny' });

  it('answers 413 to a Content-Length over the limit without waiting for the body', async () => {
    const server = await listen(appFor(emulator.url), 0, '127.0.0.1');
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(50_000_000) },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
        request.on('error', reject);
        request.flushHeaders(); // the headers only: no byte of the announced 50 MB is ever sent
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });
});

describe('query limits over HTTP: the body size', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  const limit = 4096;
  const small = json('{ __typename }');
  const large = json(`{ __typename ${' '.repeat(limit)}}`);

  /** POSTs `body` over HTTP, with its Content-Length or chunked (no length announced). */
  const post = (url: string, body: string, chunked: boolean) =>
    new Promise<{ status: number; code: unknown }>((resolve, reject) => {
      const request = httpRequest(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) }),
        },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] };
          resolve({ status: response.statusCode ?? 0, code: parsed.errors?.[0]?.extensions?.code });
        });
      });
      request.on('error', reject);
      // Chunked, the body goes in pieces, as a streaming client sends it.
      for (let start = 0; start < body.length; start += 1000) request.write(body.slice(start, start + 1000));
      request.end();
    });

  it.each([false, true])('serves a body within the limit and refuses a larger one (chunked: %s)', async (chunked) => {
    const app = appFor(emulator.url, { maxBodyBytes: limit });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const within = await post(server.url, small, chunked);
      const over = await post(server.url, large, chunked);

      expect(Buffer.byteLength(large)).toBeGreaterThan(limit);
      expect(within).toEqual({ status: 200, code: undefined });
      expect(over).toEqual({ status: 413, code: 'REQUEST_ENTITY_TOO_LARGE' });
    } finally {
      await server.close();
    }
  });
});

describe('query limits: configuration', () => {
  it('defaults to DEFAULT_QUERY_LIMITS and reads each limit from its variable', () => {
    const defaults = loadConfig({}, {});
    const tuned = loadConfig({}, { HUBCAT_MAX_COST: '1000', HUBCAT_MAX_ALIASES: '5', HUBCAT_MAX_BODY_BYTES: '4096' });

    expect(defaults).toMatchObject({ ...DEFAULT_QUERY_LIMITS, fieldSuggestions: true });
    expect(tuned).toMatchObject({ maxCost: 1000, maxAliases: 5, maxBodyBytes: 4096 });
    expect(() => loadConfig({}, { HUBCAT_MAX_DEPTH: 'deep' })).toThrow('HUBCAT_MAX_DEPTH: must be a number');
  });
});

describe('query limits: introspection and batches (issue 18)', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  const schemaBomb = (aliases: number) =>
    `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: __schema { types { name fields { name args { name } } } }`).join(' ')} }`;

  it("prices __schema at its answer's size: GraphiQL's introspection passes, two __schema in one operation do not", async () => {
    const app = appFor(emulator.url);
    try {
      const full = await postRaw(app, json(getIntrospectionQuery()));
      expect(full.status).toBe(200);
      expect(full.body.errors).toBeUndefined();
      expect(refusal(await postRaw(app, json(schemaBomb(2))))).toEqual({
        status: 400,
        code: 'QUERY_LIMIT_EXCEEDED',
        limit: 'introspection',
      });
      expect(refusal(await postRaw(app, json(schemaBomb(90))))).toMatchObject({
        status: 400,
        code: 'QUERY_LIMIT_EXCEEDED',
      });
      // 100 lookups of one type stay within the cost, as a tool reading a few types would.
      const types = `{ ${Array.from({ length: 100 }, (_, i) => `t${i}: __type(name: "Model") { name fields { name } }`).join(' ')} }`;
      expect((await postRaw(app, json(types))).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('with HUBCAT_INTROSPECTION=false refuses __schema and __type in validation, and still answers __typename', async () => {
    const app = appFor(emulator.url, {}, {}, { HUBCAT_INTROSPECTION: 'false' });
    try {
      for (const text of ['{ __schema { queryType { name } } }', '{ __type(name: "Model") { name } }']) {
        expect(refusal(await postRaw(app, json(text)))).toMatchObject({
          status: 400,
          code: 'GRAPHQL_VALIDATION_FAILED',
        });
      }
      expect((await postRaw(app, json('{ __typename }'))).body).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await app.close();
    }
  });

  it.each([
    ['one', [{ query: '{ __typename }' }]],
    ['two', [{ query: '{ __typename }' }, { query: '{ catalog { size } }' }]],
  ])('answers a JSON array of %s operations 400 BAD_REQUEST, as the README says', async (_count, batch) => {
    const app = appFor(emulator.url);
    try {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const response = await postRaw(app, JSON.stringify(batch), { accept });
        expect(refusal(response)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
      }
    } finally {
      await app.close();
    }
  });
});
