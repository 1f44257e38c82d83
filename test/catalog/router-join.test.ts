import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot, FetchPlan, Model } from '../../src/catalog/index.ts';
import { startEmulator, type RouterModel, type RunningEmulator } from '../../src/emulator/index.ts';
import { RouterClient } from '../../src/hub/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom } from '../support/fetch.ts';

const PRESET = 'providers-2025-11';
const ALL: Partial<FetchPlan> = { provider: 'all', providers: 'all', strategy: 'auto', sorts: ['createdAt'] };

/** Waits are recorded, not slept. */
const routerOf = (url: string) => new RouterClient({ endpoint: url, sleep: async () => {} });

async function fetchWithRouter(emulator: RunningEmulator, routerUrl = emulator.url): Promise<CatalogSnapshot> {
  return fetchFrom(emulator.url, ALL, {}, { router: routerOf(routerUrl) });
}

/**
 * What each mapping's figures must be, from the emulator's own records: the router's entry where it lists the provider
 * for the model, else the listing's providerDetails, else none.
 */
function expectedDetails(emulator: RunningEmulator, router: readonly RouterModel[] | null) {
  const routed = new Map(router?.map((entry) => [entry.id, entry]) ?? []);
  const expected = new Map<string, Record<string, unknown> | undefined>();
  for (const model of emulator.models) {
    for (const mapping of model.inferenceProviderMapping) {
      const entry = routed.get(model.id)?.providers.find((provider) => provider.provider === mapping.provider);
      const listed = mapping.providerDetails;
      expected.set(
        `${model.id} ${mapping.provider}`,
        entry
          ? {
              source: 'router',
              contextLength: entry.context_length ?? listed?.context_length ?? null,
              inputPerMillion: entry.pricing?.input ?? listed?.pricing.input ?? null,
              outputPerMillion: entry.pricing?.output ?? listed?.pricing.output ?? null,
              supportsTools: entry.supports_tools,
              supportsStructuredOutput: entry.supports_structured_output,
              firstTokenLatencyMs: entry.first_token_latency_ms ?? null,
              throughput: entry.throughput ?? null,
            }
          : listed && {
              source: 'listing',
              contextLength: listed.context_length,
              inputPerMillion: listed.pricing.input,
              outputPerMillion: listed.pricing.output,
              supportsTools: null,
              supportsStructuredOutput: null,
              firstTokenLatencyMs: null,
              throughput: null,
            },
      );
    }
  }
  return expected;
}

function expectDetails(models: Iterable<Model>, expected: Map<string, Record<string, unknown> | undefined>): number {
  let checked = 0;
  for (const model of models) {
    for (const mapping of model.providers) {
      expect(mapping.details, `${model.id} ${mapping.provider}`).toEqual(
        expected.get(`${model.id} ${mapping.provider}`),
      );
      checked++;
    }
  }
  return checked;
}

/** The catalog without the mappings' figures (and the emulator's address): what a router failure leaves unchanged. */
const withoutDetails = (snapshot: CatalogSnapshot) =>
  [...snapshot.models].map((model) => ({
    ...model,
    url: model.url.replace(/^http:\/\/[^/]+/, ''),
    providers: model.providers.map((mapping) => ({ ...mapping, details: undefined })),
  }));

describe("the router's listing, joined into the catalog", () => {
  const emulator = useEmulator({ preset: PRESET });

  it("gives each mapping the router entry's prices, context length and capabilities, and the listing's where it has none", async () => {
    emulator.resetLog();
    const snapshot = await fetchWithRouter(emulator);
    const router = emulator.routerModels();
    const checked = expectDetails(snapshot.models, expectedDetails(emulator, router));

    expect(checked).toBeGreaterThan(4000);
    const routedMappings = [...snapshot.models].flatMap((model) =>
      model.providers.filter((mapping) => mapping.details?.source === 'router'),
    );
    expect(snapshot.report.router).toMatchObject({
      endpoint: emulator.url,
      ok: true,
      error: null,
      requests: 1,
      pages: 1,
      models: router.length,
      joinedMappings: routedMappings.length,
    });
    expect(routedMappings.some((mapping) => mapping.details!.inputPerMillion !== null)).toBe(true);
    expect(snapshot.report.router!.listingMappings).toBeGreaterThan(0);
    // The router is asked without the token, on its own path, beside the listing.
    const routerRequests = emulator.requests.filter((request) => request.path === '/v1/models');
    expect(routerRequests.map((request) => request.authenticated)).toEqual([false]);
    expect(snapshot.report.requestCount).toBe(
      emulator.requests.filter((request) => request.path === '/api/models').length,
    );
  });

  it.each([
    [
      'a 503 every time',
      [{ on: 'all' as const, kind: 'status' as const, status: 503 }],
      /HTTP 503 Service Unavailable/,
    ],
    ['a body that is not JSON', [{ on: 'all' as const, kind: 'malformed' as const }], /not JSON/],
    ['an entry without an id', [{ on: 'all' as const, kind: 'invalid-item' as const }], /entry \d+ is invalid: id/],
    ['a dropped connection', [{ on: 'all' as const, kind: 'drop' as const }], /no answer/],
  ])(
    '%s: the catalog is unchanged, figures come from the listing alone, and the failure is reported',
    async (_n, faults, reason) => {
      const healthy = await fetchWithRouter(emulator);
      const failing = await startEmulator({ preset: PRESET, router: { faults } });
      try {
        const snapshot = await fetchWithRouter(failing);
        expect(withoutDetails(snapshot)).toEqual(withoutDetails(healthy));
        expect(snapshot.report.complete).toBe(true);
        expect(snapshot.report.errors).toEqual([]);
        expect(snapshot.report.router).toMatchObject({ ok: false, joinedMappings: 0, models: 0 });
        expect(snapshot.report.router!.error).toMatch(reason);
        // hubcat's own words: at most the origin, never the path, a query or the router's text.
        expect(snapshot.report.router!.error).not.toMatch(/\/v1\/models|\?/);
        expectDetails(snapshot.models, expectedDetails(failing, null));
      } finally {
        await failing.close();
      }
    },
  );

  it('retries a router that fails once, as the Hub client would', async () => {
    const flaky = await startEmulator({ preset: PRESET, router: { faults: [{ on: 1, kind: 'status', status: 502 }] } });
    try {
      const snapshot = await fetchWithRouter(flaky);
      expect(snapshot.report.router).toMatchObject({ ok: true, requests: 2 });
    } finally {
      await flaky.close();
    }
  });

  it.each([
    ['Link cursors', { pageSize: 700 }],
    ["OpenAI's has_more and after=", { pageSize: 700, pagination: 'openai' as const }],
  ])('reads a paginated router (%s) to the end', async (_name, router) => {
    const paged = await startEmulator({ preset: PRESET, router });
    try {
      const snapshot = await fetchWithRouter(paged);
      const entries = paged.routerModels().length;
      expect(snapshot.report.router).toMatchObject({ ok: true, models: entries, pages: Math.ceil(entries / 700) });
      expectDetails(snapshot.models, expectedDetails(paged, paged.routerModels()));
    } finally {
      await paged.close();
    }
  });

  it('sends the router no token: one that demands it answers 401, which is reported', async () => {
    const guarded = await startEmulator({ preset: PRESET, tokens: ['hf_router_secret'], router: { auth: 'required' } });
    try {
      const snapshot = await fetchFrom(
        guarded.url,
        ALL,
        { token: 'hf_router_secret' },
        { router: routerOf(guarded.url) },
      );
      expect(snapshot.report.router!.error).toMatch(/HTTP 401/);
      const routerRequests = guarded.requests.filter((request) => request.path === '/v1/models');
      expect(routerRequests.length).toBeGreaterThan(0);
      expect(routerRequests.every((request) => !request.authenticated)).toBe(true);
      expect(guarded.requests.filter((request) => request.path === '/api/models').every((r) => r.authenticated)).toBe(
        true,
      );
    } finally {
      await guarded.close();
    }
  });

  it('without a router the mappings keep the listing figures and the report says nothing of one', async () => {
    const snapshot = await fetchFrom(emulator.url, ALL);
    expect(snapshot.report.router).toBeNull();
    expectDetails(snapshot.models, expectedDetails(emulator, null));
  });
});
