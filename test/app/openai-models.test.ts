import { get as httpGet } from 'node:http';
import OpenAI from 'openai';
import { CursorPage } from 'openai/pagination';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type App, type RunningServer } from '../../src/app/index.ts';
import { ModelTable, type CatalogSnapshot } from '../../src/catalog/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom } from '../support/fetch.ts';
import { appFor, query } from '../support/graphql.ts';

const EVERY_PROVIDER = { providers: 'all', strategy: 'auto', sorts: 'createdAt' };

interface ListBody {
  object: 'list';
  total: number;
  data: { id: string; object: string; created: number; owned_by: string; hubcat: Record<string, unknown> }[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** The ids and total GraphQL gives for a filter: what the list must agree with. */
async function graphqlIds(app: App, filter: Record<string, unknown> = {}): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let total = 0;
  do {
    const page: {
      models: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] };
    } = await query(
      app,
      `query ($filter: ModelFilter, $after: String) { models(filter: $filter, first: 500, after: $after,
        orderBy: {field: ID, direction: ASC}) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
      { filter, after },
    );
    ids.push(...page.models.nodes.map((node) => node.id));
    total = page.models.totalCount;
    after = page.models.pageInfo.hasNextPage ? page.models.pageInfo.endCursor : null;
  } while (after !== null);
  return { ids, total };
}

/** Pages through `/v1/models?…` with `limit` and `after` until `has_more` is false. */
async function pageThrough(base: string, limit: number, params = ''): Promise<ListBody[]> {
  const pages: ListBody[] = [];
  let after: string | null = null;
  do {
    const url = `${base}/v1/models?limit=${limit}${params}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
    const response = await fetch(url);
    expect(response.status, url).toBe(200);
    const page = (await response.json()) as ListBody;
    pages.push(page);
    after = page.has_more ? page.last_id : null;
  } while (after !== null);
  return pages;
}

describe('GET /v1/models with the official openai client', () => {
  const emulator = useEmulator({ preset: 'providers-2025-11' });
  let app: App;
  let server: RunningServer;
  let client: OpenAI;
  let catalog: { ids: string[]; total: number };
  beforeAll(async () => {
    app = appFor(emulator.url, EVERY_PROVIDER);
    server = await listen(app, 0, '127.0.0.1');
    client = new OpenAI({ apiKey: 'unused', baseURL: `${server.url}/v1`, maxRetries: 0 });
    catalog = await graphqlIds(app);
  }, 60_000);
  afterAll(() => server.close());

  it("models.list() over all its pages gives exactly the GraphQL catalog's ids", async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(catalog.ids.length).toBeGreaterThan(4000);
    expect(ids).toEqual(catalog.ids);
  });

  it('says total, equal to models.totalCount, and OpenAI model objects with the hubcat extension', async () => {
    const body = (await (await client.models.list().asResponse()).json()) as ListBody;
    expect(body.object).toBe('list');
    expect(body.total).toBe(catalog.total);
    expect(body.has_more).toBe(false);
    expect([body.first_id, body.last_id]).toEqual([catalog.ids[0], catalog.ids.at(-1)]);
    for (const model of body.data) {
      expect(model.object).toBe('model');
      expect(model.owned_by).toBe(model.id.split('/')[0]);
      expect(Number.isInteger(model.created) && model.created > 1.5e9).toBe(true);
      expect(Object.keys(model.hubcat).sort()).toEqual(
        [
          'inputModalities',
          'languages',
          'license',
          'outputModalities',
          'parameters',
          'pipelineTag',
          'providers',
        ].sort(),
      );
    }
  });

  it("pages with the SDK's own cursor paginator (limit, after = the last id, has_more) to the same ids", async () => {
    const ids: string[] = [];
    const pages = client.getAPIList<OpenAI.Models.Model, CursorPage<OpenAI.Models.Model>>('/models', CursorPage, {
      query: { limit: 250 },
    });
    for await (const model of pages) ids.push(model.id);
    expect(ids).toEqual(catalog.ids);
  });

  it('pages with limit and after until has_more is false, each page naming its first and last id', async () => {
    const pages = await pageThrough(server.url, 500);
    expect(pages.length).toBe(Math.ceil(catalog.ids.length / 500));
    for (const page of pages) {
      expect(page.total).toBe(catalog.total);
      expect([page.first_id, page.last_id]).toEqual([page.data[0]!.id, page.data.at(-1)!.id]);
    }
    expect(pages.flatMap((page) => page.data.map((model) => model.id))).toEqual(catalog.ids);
  });

  it.each([
    ['provider', { providers: ['groq'] }, '&provider=groq'],
    ['two providers', { providers: ['together', 'fal-ai'] }, '&provider=together,fal-ai'],
    ['task', { pipelineTags: ['text-to-image'] }, '&task=text-to-image'],
    [
      'min_downloads and a task',
      { minDownloads: 50_000, pipelineTags: ['text-generation'] },
      '&min_downloads=50000&task=text-generation',
    ],
  ])('filters by %s exactly as GraphQL does', async (_name, filter, params) => {
    const expected = await graphqlIds(app, filter);
    expect(expected.ids.length).toBeGreaterThan(0);
    const pages = await pageThrough(server.url, 100, params);
    expect(pages.flatMap((page) => page.data.map((model) => model.id))).toEqual(expected.ids);
    expect(pages[0]!.total).toBe(expected.total);
    const whole = (await (await fetch(`${server.url}/v1/models?${params.slice(1)}`)).json()) as ListBody;
    expect(whole.data.map((model) => model.id)).toEqual(expected.ids);
  });

  it('filtered by license, the SDK pages with limit and after until has_more is false, to GraphQL’s ids and total', async () => {
    const { models } = await query<{ models: { facets: { licenses: { value: string }[] } } }, unknown>(
      app,
      '{ models { facets { licenses(first: 3) { value } } } }',
    );
    const [common, second, third] = models.facets.licenses.map((entry) => entry.value);
    for (const licenses of [[second!], [common!, third!]]) {
      const expected = await graphqlIds(app, { licenses });
      expect(expected.ids.length).toBeGreaterThan(100);
      expect(expected.ids.length).toBeLessThan(catalog.ids.length);
      const ids: string[] = [];
      let pages = 0;
      const first = await client.getAPIList<OpenAI.Models.Model, CursorPage<OpenAI.Models.Model>>(
        '/models',
        CursorPage,
        {
          query: { limit: 97, license: licenses.join(',') },
        },
      );
      for await (const page of first.iterPages()) {
        pages++;
        ids.push(...page.data.map((model) => model.id));
        expect((page as unknown as { body: ListBody }).body.total).toBe(expected.total);
        expect(page.has_more).toBe(ids.length < expected.ids.length);
      }
      expect(pages).toBe(Math.ceil(expected.ids.length / 97));
      expect(ids).toEqual(expected.ids);
    }
  });

  it('resumes after an id the catalog does not hold at the next id, as a keyset cursor does', async () => {
    const [a, b] = [catalog.ids[10]!, catalog.ids[11]!];
    const between = `${a}\u0000`;
    expect(between > a && between < b).toBe(true);
    const page = (await (
      await fetch(`${server.url}/v1/models?limit=2&after=${encodeURIComponent(between)}`)
    ).json()) as ListBody;
    expect(page.data.map((model) => model.id)).toEqual([b, catalog.ids[12]]);
    const past = (await (await fetch(`${server.url}/v1/models?limit=2&after=~`)).json()) as ListBody;
    expect(past).toMatchObject({ data: [], has_more: false, first_id: null, last_id: null, total: catalog.total });
  });

  it('streams the whole list rather than sending it as one string', async () => {
    const response = await fetch(`${server.url}/v1/models`);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const reader = response.body!.getReader();
    let chunks = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      if (chunk.value.length > 0) chunks++;
    expect(chunks).toBeGreaterThan(Math.ceil(catalog.ids.length / 500));
  });

  it('answers with the security headers of /graphql', async () => {
    const [list, graphql] = await Promise.all([
      fetch(`${server.url}/v1/models?limit=1`, { headers: { origin: 'https://gateway.example' } }),
      fetch(`${server.url}/graphql?query=%7B__typename%7D`, { headers: { origin: 'https://gateway.example' } }),
    ]);
    for (const header of [
      'x-content-type-options',
      'referrer-policy',
      'x-frame-options',
      'cross-origin-opener-policy',
      'content-security-policy',
      'access-control-allow-origin',
    ]) {
      expect(list.headers.get(header), header).not.toBeNull();
      expect(list.headers.get(header), header).toBe(graphql.headers.get(header));
    }
  });
});

describe('GET /v1/models: the snapshot, its ETag, and what it refuses', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let app: App;
  beforeAll(() => {
    app = appFor(emulator.url);
  });
  afterAll(() => app.close());
  const get = (path: string, init: RequestInit = {}) => app.yoga.fetch(`http://hubcat${path}`, init);

  it('binds its ETag to the snapshot: 304 while it is served, a new tag once another replaces it', async () => {
    const first = await get('/v1/models?limit=5');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"models-v1-.+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get('/v1/models', { headers: { 'if-none-match': `W/"other", ${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    await app.catalog.refresh();
    const after = await get('/v1/models?limit=5', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const snapshotId = (await query<{ catalog: { snapshotId: string } }, unknown>(app, '{ catalog { snapshotId } }'))
      .catalog.snapshotId;
    expect(after.headers.get('etag')).toBe(`"models-v1-${snapshotId}"`);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it.each([
    ['limit=0', 'limit', /whole number from 1 to 500/],
    ['limit=501', 'limit', /whole number from 1 to 500/],
    ['limit=ten', 'limit', /whole number/],
    ['limit=1&limit=2', 'limit', /given 2 times/],
    ['min_downloads=-1', 'min_downloads', /whole number from 0/],
    ['min_downloads=1e9', 'min_downloads', /whole number/],
    ['provider=', 'provider', /provider name/],
    ['provider=hf-inference,../etc', 'provider', /provider name/],
    ['task=<300 characters>', 'task', /pipeline tag/],
    ['after=<201 characters>', 'after', /1 to 200 characters/],
    ['license=Apache 2.0', 'license', /license id such as apache-2.0/],
    ['gateway=huggingface', 'gateway', /accepted: provider, task, min_downloads, license, limit, after/],
  ])('refuses %s with a 400 in OpenAI error shape naming the parameter', async (label, param, message) => {
    const params = label.replace(/<(\d+) characters>/, (_, length: string) => 'x'.repeat(Number(length)));
    const response = await get(`/v1/models?${params}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; type: string; param: string; code: string } };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param, code: 'invalid_parameter' });
    expect(body.error.message).toMatch(message);
    expect(body.error.message.length).toBeLessThan(200);
  });

  it('refuses other methods with 405 and says which it takes', async () => {
    const response = await get('/v1/models', { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers HEAD with the headers alone', async () => {
    const response = await get('/v1/models', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"models-v1-/);
    expect(await response.text()).toBe('');
  });
});

describe('GET /v1/models before any catalog exists', () => {
  it('answers 503 in OpenAI error shape while the upstream cannot be reached', async () => {
    const app = appFor('http://127.0.0.1:9', { coldWaitSeconds: '1', maxRetries: '0', timeoutMs: '500' });
    try {
      const response = await app.yoga.fetch('http://hubcat/v1/models');
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { type: string; code: string; message: string } };
      expect(body.error).toMatchObject({ type: 'server_error', code: 'catalog_unavailable' });
    } finally {
      await app.close();
    }
  });
});

describe('a client that stops reading the streamed list', () => {
  const emulator = useEmulator({ preset: 'providers-2025-11' });

  it('is cut off after the stall timeout, with a list that cannot pass for whole', async () => {
    const app = appFor(emulator.url, EVERY_PROVIDER, { listStallTimeoutMs: 200 });
    try {
      const response = await app.yoga.fetch('http://hubcat/v1/models');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = decoder.decode((await reader.read()).value);
      await new Promise((resolve) => setTimeout(resolve, 600));
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        text += decoder.decode(chunk.value);
      expect(text.startsWith('{"object":"list"')).toBe(true);
      expect(() => JSON.parse(text) as unknown).toThrow();
      expect(text).not.toContain('"has_more"');
      expect(text.split('"object":"model"').length - 1).toBeLessThan(4000);
    } finally {
      await app.close();
    }
  });
});

describe('a client that stops reading the streamed list over HTTP', () => {
  const emulator = useEmulator({ preset: 'providers-2025-11' });

  it('has its connection dropped, so the short list it got cannot pass for a whole one', async () => {
    // Forty thousand models, some 16 MB: more than the loopback socket buffers hold, so the writer has to wait.
    const fetchSnapshot = async (): Promise<CatalogSnapshot> => {
      const snapshot = await fetchFrom(emulator.url, { provider: 'all', providers: 'all', sorts: ['createdAt'] });
      const copies = [...snapshot.models].flatMap((model) =>
        Array.from({ length: 10 }, (_, k) => ({ ...model, id: `${model.id}-copy${k}` })),
      );
      return { ...snapshot, models: ModelTable.from(copies) };
    };
    // Unlimited: 40,000 listed models cost more than a client's whole bucket (test/edge/rate-limit.test.ts).
    const app = appFor(emulator.url, {}, { listStallTimeoutMs: 200, fetchSnapshot }, { HUBCAT_RATE_LIMIT: '0' });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      await fetch(`${server.url}/v1/models?limit=1`);
      const outcome = await new Promise<{ complete: boolean; bytes: number }>((resolve) => {
        httpGet(`${server.url}/v1/models`, (response) => {
          response.pause();
          let bytes = 0;
          setTimeout(() => {
            response.on('data', (chunk: Buffer) => (bytes += chunk.length));
            response.resume();
          }, 1000);
          response.on('close', () => resolve({ complete: response.complete, bytes }));
          response.on('error', () => {});
        });
      });
      expect(outcome.complete).toBe(false);
      expect(outcome.bytes).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
