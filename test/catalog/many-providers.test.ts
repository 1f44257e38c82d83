import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot, FetchPlan, ProviderReport } from '../../src/catalog/index.ts';
import { startEmulator, type EmulatedModel, type RunningEmulator } from '../../src/emulator/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom, sortedIds } from '../support/fetch.ts';

const PRESET = 'providers-2025-11';
const ALL: Partial<FetchPlan> = { provider: 'all', providers: 'all', strategy: 'auto' };

/** The models a listing of these providers returns, from the emulator's records: live with one of them. */
function listedBy(emulator: RunningEmulator, providers: readonly string[] | 'all'): EmulatedModel[] {
  return emulator.models.filter((model) =>
    model.inferenceProviderMapping.some(
      (mapping) => mapping.status === 'live' && (providers === 'all' || providers.includes(mapping.provider)),
    ),
  );
}

/** Each provider's mappings by status over the models a listing returns: what the Hub lets a crawl see. */
function visibleCounts(
  listed: readonly EmulatedModel[],
): Map<string, { live: number; staging: number; error: number }> {
  const counts = new Map<string, { live: number; staging: number; error: number }>();
  for (const model of listed) {
    for (const { provider, status } of model.inferenceProviderMapping) {
      const row = counts.get(provider) ?? { live: 0, staging: 0, error: 0 };
      row[status]++;
      counts.set(provider, row);
    }
  }
  return counts;
}

const liveIdsOf = (snapshot: CatalogSnapshot, provider: string) =>
  sortedIds(
    [...snapshot.models]
      .filter((model) => model.providers.some((m) => m.provider === provider && m.status === 'live'))
      .map((model) => model.id),
  );

const listingRequests = (emulator: RunningEmulator) =>
  emulator.requests.filter((request) => request.path === '/api/models');

/** A provider claimed complete must hold exactly its served set; one not claimed complete must say it is estimated. */
function expectNoFalseClaim(snapshot: CatalogSnapshot, emulator: RunningEmulator, provider: ProviderReport): void {
  const truth = emulator.servedIds(provider.provider);
  if (provider.complete) {
    expect(liveIdsOf(snapshot, provider.provider), provider.provider).toEqual(truth);
    expect(provider.coverage).toMatchObject({ ratio: 1, total: truth.length });
  } else {
    expect(provider.live, provider.provider).toBeLessThanOrEqual(truth.length);
    expect(provider.completeness.proven).toBe(false);
    expect(provider.coverage.basis).not.toMatch(/^exact/);
    expect(provider.completeness.uncoveredRisk.length, provider.provider).toBeGreaterThan(0);
  }
}

describe('every provider at once, against a paginating upstream', () => {
  const emulator = useEmulator({ preset: PRESET });

  it('one createdAt crawl of inference_provider=all gives every provider its exact set, in ⌈models ÷ 1,000⌉ requests', async () => {
    emulator.resetLog();
    const snapshot = await fetchFrom(emulator.url, { ...ALL, sorts: ['createdAt'] });
    const { report } = snapshot;
    const all = emulator.servedIds('all');

    expect(sortedIds(snapshot.models.ids)).toEqual(all);
    expect(report.requestCount).toBe(Math.ceil(all.length / 1000));
    expect(listingRequests(emulator)).toHaveLength(report.requestCount);
    expect(listingRequests(emulator).every((request) => request.query.inference_provider === 'all')).toBe(true);
    expect(report).toMatchObject({ provider: 'all', complete: true, uniqueModels: all.length });

    const truth = emulator.providerCounts();
    expect(report.providers.map((provider) => provider.provider).sort()).toEqual(Object.keys(truth).sort());
    for (const provider of report.providers) {
      expect(liveIdsOf(snapshot, provider.provider), provider.provider).toEqual(emulator.servedIds(provider.provider));
      expect(provider).toMatchObject({
        live: truth[provider.provider]!.live,
        complete: true,
        requests: 0,
        sharedRequests: report.requestCount,
      });
      expect(provider.completeness.explanation).toMatch(/the listing of all is complete/);
    }
    // Most live models first, so the table leads with the providers that matter most.
    const lives = report.providers.map((provider) => provider.live);
    expect(lives).toEqual([...lives].sort((a, b) => b - a));
  });

  it('keeps every mapping of each model: staging and error ones are those the listing shows, a lower bound', async () => {
    const { report } = await fetchFrom(emulator.url, { ...ALL, sorts: ['createdAt'] });
    const visible = visibleCounts(listedBy(emulator, 'all'));
    const truth = emulator.providerCounts();
    for (const provider of report.providers) {
      const shown = visible.get(provider.provider)!;
      expect([provider.live, provider.staging, provider.error], provider.provider).toEqual([
        shown.live,
        shown.staging,
        shown.error,
      ]);
      expect(provider.staging).toBeLessThanOrEqual(truth[provider.provider]!.staging);
      expect(provider.error).toBeLessThanOrEqual(truth[provider.provider]!.error);
    }
    // The limit is real: some staging mappings sit on models no provider serves live, which no listing returns.
    const hiddenStaging = Object.entries(truth).some(([name, row]) => row.staging > visible.get(name)!.staging);
    expect(hiddenStaging).toBe(true);
  });

  it("counts each provider's live tasks, most first", async () => {
    const { report } = await fetchFrom(emulator.url, { ...ALL, sorts: ['createdAt'] });
    const groq = report.providers.find((provider) => provider.provider === 'groq')!;
    const tasks = new Map<string, number>();
    for (const model of emulator.models) {
      for (const mapping of model.inferenceProviderMapping) {
        if (mapping.provider === 'groq' && mapping.status === 'live') {
          tasks.set(mapping.task, (tasks.get(mapping.task) ?? 0) + 1);
        }
      }
    }
    const expected = [...tasks]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    expect(groq.tasks).toEqual(expected);
  });

  it('a comma list is one listing of either provider: the catalog is their union, each proven from it', async () => {
    emulator.resetLog();
    const providers = ['groq', 'together'];
    const snapshot = await fetchFrom(emulator.url, {
      provider: 'groq,together',
      providers,
      strategy: 'auto',
      sorts: ['createdAt'],
    });
    const union = sortedIds(listedBy(emulator, providers).map((model) => model.id));

    expect(sortedIds(snapshot.models.ids)).toEqual(union);
    expect(listingRequests(emulator).map((request) => request.query.inference_provider)).toEqual(['groq,together']);
    expect(snapshot.report.providers.map((provider) => provider.provider)).toEqual(providers);
    const visible = visibleCounts(listedBy(emulator, providers));
    for (const provider of snapshot.report.providers) {
      expect(liveIdsOf(snapshot, provider.provider)).toEqual(emulator.servedIds(provider.provider));
      expect(provider).toMatchObject({ complete: true, staging: visible.get(provider.provider)!.staging });
    }
    // Models live with neither are left out, even when another provider serves them.
    const fireworksOnly = emulator.servedIds('fireworks-ai').filter((id) => !union.includes(id));
    expect(fireworksOnly.length).toBeGreaterThan(0);
    for (const id of fireworksOnly) expect(snapshot.models.find(id)).toBeNull();
  });

  it('the default sorts crawl the same listing three times, and say so', async () => {
    emulator.resetLog();
    const { report } = await fetchFrom(emulator.url, { ...ALL, sorts: ['createdAt', 'likes', 'downloads'] });
    const pages = Math.ceil(emulator.servedIds('all').length / 1000);
    expect(report.sorts.map((sort) => [sort.sort, sort.pages, sort.exhausted])).toEqual([
      ['createdAt', pages, true],
      ['likes', pages, true],
      ['downloads', pages, true],
    ]);
    expect(report.requestCount).toBe(3 * pages);
    expect(listingRequests(emulator)).toHaveLength(3 * pages);
  });
});

describe('every provider at once, against a capped upstream', () => {
  const emulator = useEmulator({ preset: PRESET, capped: true });

  it('a covering partition of inference_provider=all proves the whole and, through it, every provider', async () => {
    emulator.resetLog();
    const snapshot = await fetchFrom(emulator.url, { ...ALL, sorts: ['createdAt', 'likes', 'downloads'] });
    const { report } = snapshot;

    expect(sortedIds(snapshot.models.ids)).toEqual(emulator.servedIds('all'));
    expect(report.completeness.method).toBe('covering-partition');
    expect(report.requestCount).toBe(report.sorts.length + report.parts.length);
    expect(listingRequests(emulator)).toHaveLength(report.requestCount);
    for (const provider of report.providers) {
      expect(provider.complete, provider.provider).toBe(true);
      expect(liveIdsOf(snapshot, provider.provider)).toEqual(emulator.servedIds(provider.provider));
      expect(provider.completeness.method).toBe('covering-partition');
    }
  });

  it.each([12, 30])(
    'with a budget of %i requests the whole is not proven; each provider is proven by its own listing or estimated',
    async (budget) => {
      emulator.resetLog();
      const snapshot = await fetchFrom(emulator.url, {
        ...ALL,
        sorts: ['createdAt', 'likes', 'downloads'],
        maxRequests: budget,
      });
      const { report } = snapshot;

      expect(listingRequests(emulator).length).toBeLessThanOrEqual(budget);
      expect(report.complete).toBe(false);
      for (const provider of report.providers) expectNoFalseClaim(snapshot, emulator, provider);
      const proven = report.providers.filter((provider) => provider.complete);
      expect(proven.length).toBeGreaterThan(0);
      for (const provider of proven) {
        expect(provider.requests).toBe(1);
        expect(provider.completeness.explanation).toMatch(`inference_provider=${provider.provider}`);
      }
      // The two largest cannot fit one page: estimated, never claimed.
      for (const name of ['featherless-ai', 'hf-inference']) {
        const provider = report.providers.find((candidate) => candidate.provider === name)!;
        expect(provider.complete).toBe(false);
        expect(provider.estimates).not.toBeNull();
      }
      const probes = listingRequests(emulator).filter((request) => request.query.inference_provider !== 'all');
      expect(probes.length).toBe(report.providers.reduce((sum, provider) => sum + provider.requests, 0));
    },
  );

  it('a failed partition query: the small providers are proven by one request each, the rest estimated', async () => {
    const failing = await startEmulator({
      preset: PRESET,
      capped: true,
      faults: [{ on: 10, kind: 'status', status: 500 }],
    });
    try {
      const snapshot = await fetchFrom(
        failing.url,
        { ...ALL, sorts: ['createdAt', 'likes', 'downloads'], concurrency: 1 },
        { maxRetries: 0 },
      );
      const { report } = snapshot;
      expect(report.complete).toBe(false);
      expect(report.errors).toEqual([expect.stringMatching(/HTTP 500/)]);
      for (const provider of report.providers) expectNoFalseClaim(snapshot, failing, provider);
      const small = report.providers.filter((provider) => failing.servedIds(provider.provider).length < 1000);
      expect(small.length).toBeGreaterThan(10);
      for (const provider of small) expect(provider.complete, provider.provider).toBe(true);
    } finally {
      await failing.close();
    }
  });

  it('multi-sort asks nothing beyond its sorts: no probe, every provider estimated', async () => {
    emulator.resetLog();
    const snapshot = await fetchFrom(emulator.url, { ...ALL, strategy: 'multi-sort', sorts: ['likes', 'downloads'] });
    expect(listingRequests(emulator)).toHaveLength(2);
    for (const provider of snapshot.report.providers) {
      expectNoFalseClaim(snapshot, emulator, provider);
      expect(provider.requests).toBe(0);
    }
    expect(snapshot.report.providers.some((provider) => !provider.complete)).toBe(true);
  });
});
