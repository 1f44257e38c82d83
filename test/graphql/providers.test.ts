import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import {
  ProvidersDocument,
  RoutableModelsDocument,
  type ModelFilter,
  type ProviderStatus,
} from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, execute, query } from '../support/graphql.ts';
import { expectedFacet, expectedIds, type Raw } from './raw-expectations.ts';

const PRESET = 'providers-2025-11';
const EVERY_PROVIDER = { providers: 'all', strategy: 'auto', sorts: 'createdAt' };
const BY_DOWNLOADS = { field: 'DOWNLOADS', direction: 'DESC' } as const;

/** The catalog of every provider, from the emulator's records: models with a live mapping of any provider. */
const servedOf = (emulator: RunningEmulator): Raw[] => {
  const ids = new Set(emulator.servedIds('all'));
  return emulator.models.filter((raw) => ids.has(raw.id));
};

/** Every page of a RoutableModels query, as a frontend walks it. */
async function allPages(app: App, filter: ModelFilter) {
  const ids: string[] = [];
  let after: string | null = null;
  let first: Awaited<ReturnType<typeof routable>> | null = null;
  for (;;) {
    const page = await routable(app, filter, after);
    first ??= page;
    ids.push(...page.models.nodes.map((node) => node.id));
    if (!page.models.pageInfo.hasNextPage) return { ids, first };
    after = page.models.pageInfo.endCursor ?? null;
  }
}
const routable = (app: App, filter: ModelFilter, after: string | null) =>
  query(app, RoutableModelsDocument, {
    providers: filter.providers ?? null,
    providerStatus: filter.providerStatus ?? null,
    first: 500,
    after,
  });

describe('a catalog of every provider, through the API', () => {
  const emulator = useEmulator({ preset: PRESET });
  let app: App;
  let served: Raw[];
  beforeAll(() => {
    app = appFor(emulator.url, EVERY_PROVIDER);
    served = servedOf(emulator);
  });
  afterAll(() => app.close());

  it.each<[string, ModelFilter]>([
    ['live with groq or together', { providers: ['groq', 'together'], providerStatus: ['LIVE'] }],
    [
      'staging or failing with groq or together',
      { providers: ['groq', 'together'], providerStatus: ['STAGING', 'ERROR'] },
    ],
    ['failing with any provider', { providerStatus: ['ERROR'] }],
    ['live with groq, the default status', { providers: ['groq'] }],
  ])('models(filter: %s) equals an independent computation, and so does the providers facet', async (_name, filter) => {
    const expected = expectedIds(served, filter, BY_DOWNLOADS);
    expect(expected.length).toBeGreaterThan(0);
    const { ids, first } = await allPages(app, filter);
    expect(ids).toEqual(expected);
    expect(first.models.totalCount).toBe(expected.length);
    expect(first.models.facets.providers).toEqual(expectedFacet(served, filter, 'providers', 50));
  });

  it('providers: every provider its live, staging and error counts, its tasks, and a proof', async () => {
    const { providers, fetchReport } = await query(app, ProvidersDocument);
    const truth = emulator.providerCounts();
    expect(providers.map((provider) => provider.name).sort()).toEqual(Object.keys(truth).sort());
    expect(fetchReport).toMatchObject({ provider: 'all', complete: true, router: { ok: true, error: null } });
    for (const provider of providers) {
      const mappings = served
        .flatMap((raw) => raw.inferenceProviderMapping)
        .filter((m) => m.provider === provider.name);
      const count = (status: string) => mappings.filter((mapping) => mapping.status === status).length;
      expect(provider.live, provider.name).toBe(truth[provider.name]!.live);
      expect([provider.live, provider.staging, provider.error], provider.name).toEqual([
        count('live'),
        count('staging'),
        count('error'),
      ]);
      expect(provider).toMatchObject({ complete: true, coverage: { ratio: 1, total: provider.live } });
      const tasks = new Map<string, number>();
      for (const mapping of mappings.filter((m) => m.status === 'live')) {
        tasks.set(mapping.task, (tasks.get(mapping.task) ?? 0) + 1);
      }
      expect(provider.tasks).toEqual(
        [...tasks]
          .map(([value, taskCount]) => ({ value, count: taskCount }))
          .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
      );
    }
  });

  it('provider(name:) is the same summary, null for a provider no model names, and refuses an empty name', async () => {
    const { providers } = await query(app, ProvidersDocument);
    const one = await query(app, `{ provider(name: "groq") { name live staging error complete } }`);
    const { name, live, staging, error, complete } = providers.find((provider) => provider.name === 'groq')!;
    expect(one).toEqual({ provider: { name, live, staging, error, complete } });
    expect(await query(app, `{ provider(name: "no-such-provider") { name } }`)).toEqual({ provider: null });
    const empty = await execute(app, `{ provider(name: "") { name } }`);
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("each mapping carries the router's prices and context length, in USD per million tokens", async () => {
    const router = new Map(emulator.routerModels().map((entry) => [entry.id, entry]));
    const { ids } = await allPages(app, { providers: ['groq'] });
    const page = await routable(app, { providers: ['groq'] }, null);
    let priced = 0;
    for (const node of page.models.nodes) {
      for (const mapping of node.providers) {
        const entry = router.get(node.id)?.providers.find((provider) => provider.provider === mapping.provider);
        if (!entry) continue;
        expect(mapping.detailsSource).toBe('ROUTER');
        expect(mapping.contextLength).toBe(entry.context_length ?? null);
        expect(mapping.supportsTools).toBe(entry.supports_tools);
        expect(mapping.pricing).toEqual(
          entry.pricing ? { inputPerMillion: entry.pricing.input, outputPerMillion: entry.pricing.output } : null,
        );
        if (entry.pricing) priced++;
      }
    }
    expect(ids.length).toBe(emulator.servedIds('groq').length);
    expect(priced).toBeGreaterThan(10);
    const currency = await query(
      app,
      `{ models(first: 1, filter: { providers: ["groq"] }) { nodes { providers {
      pricing { currency } } } } }`,
    );
    expect(JSON.stringify(currency)).toMatch(/"currency":"USD"/);
  });
});

describe('a router that fails, through the API', () => {
  const emulator = useEmulator({ preset: PRESET, router: { faults: [{ on: 'all', kind: 'status', status: 503 }] } });

  it('serves the same catalog, figures from the listing alone, and says why in catalog.routerError', async () => {
    const app = appFor(emulator.url, EVERY_PROVIDER);
    try {
      const status = await query<{ catalog: { size: number; lastError: string | null; routerError: string } }, never>(
        app,
        `{ catalog { size lastError routerError } }`,
      );
      expect(status.catalog).toMatchObject({ size: emulator.servedIds('all').length, lastError: null });
      expect(status.catalog.routerError).toMatch(/HTTP 503 Service Unavailable/);
      const { fetchReport } = await query(app, ProvidersDocument);
      expect(fetchReport).toMatchObject({ complete: true, router: { ok: false, models: 0, joinedMappings: 0 } });
      const page = await routable(app, { providers: ['together'] }, null);
      const sources = new Set(page.models.nodes.flatMap((node) => node.providers.map((m) => m.detailsSource)));
      expect([...sources].filter((source) => source !== null)).toEqual(['LISTING']);
    } finally {
      await app.close();
    }
  });
});

/** A proxy that renames one status in every listing body: a status the Hub adds later. */
async function renamingProxy(upstream: string, from: string, to: string) {
  const server = createServer((request, response) => {
    void fetch(new URL(request.url ?? '/', upstream)).then(async (answer) => {
      const body = (await answer.text()).replaceAll(`"status":"${from}"`, `"status":"${to}"`);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a mapping status the Hub adds later', () => {
  const emulator = useEmulator({ preset: PRESET });

  it('crashes nothing: such mappings are left out of Model.providers and counted in the fetch report', async () => {
    const proxy = await renamingProxy(emulator.url, 'error', 'deprecated');
    const app = appFor(proxy.url, { ...EVERY_PROVIDER, routerEndpoint: 'none' });
    try {
      const served = servedOf(emulator);
      const { models } = await query<{ models: { nodes: { providers: { status: ProviderStatus }[] }[] } }, never>(
        app,
        `{ models(first: 500, filter: { providers: ["fireworks-ai"], providerStatus: [LIVE] }) {
            totalCount nodes { id providers { provider status } } } }`,
      );
      const statuses = new Set(models.nodes.flatMap((node) => node.providers.map((mapping) => mapping.status)));
      expect([...statuses].sort()).toEqual(['LIVE', 'STAGING']);
      type Row = { provider: string; error: number; otherStatus: number };
      const report = await query<{ fetchReport: { providers: Row[] } }, never>(
        app,
        `{ fetchReport { providers { provider error otherStatus } } }`,
      );
      const rows = report.fetchReport.providers;
      for (const row of rows) {
        const failing = served
          .flatMap((raw) => raw.inferenceProviderMapping)
          .filter((mapping) => mapping.provider === row.provider && mapping.status === 'error').length;
        expect([row.error, row.otherStatus], row.provider).toEqual([0, failing]);
      }
      expect(rows.some((row) => row.otherStatus > 0)).toBe(true);
      const failing = await execute(app, `{ models(filter: { providerStatus: [ERROR] }) { totalCount } }`);
      expect(failing.data).toEqual({ models: { totalCount: 0 } });
    } finally {
      await app.close();
      await proxy.close();
    }
  });
});

describe('the cost of provider lists', () => {
  const emulator = useEmulator({ preset: PRESET });

  it('prices providers and their tasks: the operation passes, a hundred aliases of it do not', async () => {
    const app = appFor(emulator.url, EVERY_PROVIDER);
    try {
      await query(app, ProvidersDocument);
      // Like every operation of schema/operations/, a full page of 500 passes the default limits.
      await query(app, RoutableModelsDocument, { first: 500 });
      const flood = Array.from({ length: 100 }, (_, i) => `p${i}: providers { name tasks { value count } }`).join(' ');
      const refused = await execute(app, `{ ${flood} }`);
      expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    } finally {
      await app.close();
    }
  });
});

describe('starting one more emulator for a comma list', () => {
  it('serves the union of the listed providers, and names only them', async () => {
    const emulator = await startEmulator({ preset: PRESET });
    const app = appFor(emulator.url, { providers: 'groq,cerebras', strategy: 'auto', sorts: 'createdAt' });
    try {
      const { providers, fetchReport } = await query(app, ProvidersDocument);
      expect(providers.map((provider) => provider.name)).toEqual(['groq', 'cerebras']);
      expect(fetchReport?.provider).toBe('groq,cerebras');
      const union = new Set([...emulator.servedIds('groq'), ...emulator.servedIds('cerebras')]);
      const { models } = await query<{ models: { totalCount: number } }, never>(app, `{ models { totalCount } }`);
      expect(models).toEqual({ totalCount: union.size });
    } finally {
      await app.close();
      await emulator.close();
    }
  });
});
