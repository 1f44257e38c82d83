import { describe, expect, it } from 'vitest';
import { PRESETS, startEmulator, type EmulatedModel } from '../../src/emulator/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { crawl, idsOf, isServed, listUrl, sorted } from './helpers.ts';

const PRESET = 'providers-2025-11';
const emu = useEmulator({ preset: PRESET });

/** The Hub's provider names, as the issue lists them. */
const PROVIDERS = [
  'hf-inference',
  'together',
  'fireworks-ai',
  'groq',
  'novita',
  'nebius',
  'sambanova',
  'cerebras',
  'replicate',
  'fal-ai',
  'featherless-ai',
  'hyperbolic',
  'cohere',
  'nscale',
  'scaleway',
  'ovhcloud',
  'publicai',
  'zai-org',
  'wavespeed',
  'black-forest-labs',
];

const liveIds = (models: readonly EmulatedModel[], providers: readonly string[]) =>
  sorted(models.filter((m) => providers.some((p) => isServed(m, p))).map((m) => m.id));

function countsOf(models: readonly EmulatedModel[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const model of models) {
    for (const { provider, status } of model.inferenceProviderMapping) {
      const row = (counts[provider] ??= { live: 0, staging: 0, error: 0 });
      row[status] = (row[status] ?? 0) + 1;
    }
  }
  return counts;
}

describe('preset providers-2025-11', () => {
  it('has the twenty providers with the live, staging and error counts the preset announces', () => {
    const announced = PRESETS[PRESET]!.providers;
    expect(Object.keys(announced).sort()).toEqual([...PROVIDERS].sort());
    expect(countsOf(emu.models)).toEqual(announced);
    expect(emu.providerCounts()).toEqual(announced);
    expect(announced['featherless-ai']!.live).toBeGreaterThan(announced['together']!.live * 10);
  });

  it('serves popular models through several providers, with staging and failed mappings beside live ones', () => {
    const liveCounts = emu.models.map((m) => m.inferenceProviderMapping.filter((p) => p.status === 'live').length);
    expect(liveCounts.filter((n) => n >= 3).length).toBeGreaterThan(10);
    expect(Math.max(...liveCounts)).toBeGreaterThanOrEqual(5);
    const mappings = emu.models.flatMap((m) => m.inferenceProviderMapping);
    expect(mappings.some((m) => m.status === 'error' && m.previousStatus === 'live')).toBe(true);
    expect(mappings.some((m) => m.status === 'error' && m.previousStatus === undefined)).toBe(true);
    for (const model of emu.models) {
      expect(new Set(model.inferenceProviderMapping.map((m) => m.provider)).size).toBe(
        model.inferenceProviderMapping.length,
      );
    }
  });

  it('gives each provider a task mix like its catalog, and owner-bound providers their own models', () => {
    const tasksOf = (provider: string) =>
      new Set(
        emu.models.flatMap((m) => m.inferenceProviderMapping.filter((p) => p.provider === provider)).map((p) => p.task),
      );
    expect(tasksOf('featherless-ai')).toEqual(new Set(['conversational']));
    expect(tasksOf('cerebras')).toEqual(new Set(['conversational']));
    for (const task of tasksOf('fal-ai')) {
      expect(['text-to-image', 'text-to-video', 'automatic-speech-recognition', 'text-to-speech']).toContain(task);
    }
    expect(tasksOf('fal-ai').has('text-to-image')).toBe(true);
    expect(tasksOf('groq')).toContain('conversational');
    for (const [provider, owner] of [
      ['cohere', 'CohereLabs'],
      ['zai-org', 'zai-org'],
      ['black-forest-labs', 'black-forest-labs'],
      ['publicai', 'swiss-ai'],
    ]) {
      const authors = new Set(
        emu.models.filter((m) => m.inferenceProviderMapping.some((p) => p.provider === provider)).map((m) => m.author),
      );
      expect(authors, provider).toEqual(new Set([owner]));
    }
  });

  it('publishes a context length and prices on most chat mappings and on nothing else', () => {
    const mappings = emu.models.flatMap((m) => m.inferenceProviderMapping);
    const chat = mappings.filter((m) => m.task === 'conversational');
    const priced = chat.filter((m) => m.providerDetails !== undefined);
    expect(priced.length / chat.length).toBeGreaterThan(0.75);
    expect(mappings.filter((m) => m.task !== 'conversational' && m.providerDetails !== undefined)).toEqual([]);
    for (const { providerDetails } of priced) {
      expect(providerDetails!.context_length).toBeGreaterThan(0);
      expect(providerDetails!.pricing.output).toBeGreaterThanOrEqual(providerDetails!.pricing.input);
    }
  });
});

describe('inference_provider over many providers', () => {
  it.each(PROVIDERS)('%s: servedIds and a cursor crawl equal the models with a live mapping', async (provider) => {
    const expected = liveIds(emu.models, [provider]);
    expect(emu.servedIds(provider)).toEqual(expected);
    const { items } = await crawl(listUrl(emu, `inference_provider=${provider}&sort=createdAt&limit=1000`));
    expect(sorted(idsOf(items))).toEqual(expected);
  });

  it('all means a live mapping with any provider (staging and error ones do not count)', async () => {
    const expected = liveIds(emu.models, PROVIDERS);
    const { items } = await crawl(listUrl(emu, 'inference_provider=all&sort=likes&limit=1000'));
    expect(sorted(idsOf(items))).toEqual(expected);
    expect(emu.servedIds('all')).toEqual(expected);
    const onlyStagingOrError = emu.models.filter(
      (m) => m.inferenceProviderMapping.length > 0 && !m.inferenceProviderMapping.some((p) => p.status === 'live'),
    );
    expect(onlyStagingOrError.length).toBeGreaterThan(0);
    for (const model of onlyStagingOrError) expect(expected).not.toContain(model.id);
  });

  it('a comma list and a repeated key both mean any of them', async () => {
    const expected = liveIds(emu.models, ['groq', 'together']);
    for (const query of ['inference_provider=groq,together', 'inference_provider=groq&inference_provider=together']) {
      const { items } = await crawl(listUrl(emu, `${query}&limit=1000`));
      expect(sorted(idsOf(items)), query).toEqual(expected);
    }
  });
});

describe('evolving one provider of many', () => {
  it('adds, removes and updates within the named provider, leaving the others as they were', async () => {
    const evolving = await startEmulator({ preset: PRESET });
    try {
      const before = evolving.providerCounts();
      const groq = evolving.servedIds('groq');
      const result = evolving.evolve({ provider: 'groq', added: 2, removed: [{ how: 'status-error' }], updated: 1 });
      const expected = sorted([...groq.filter((id) => id !== result.removed[0]!.id), ...result.added.map((a) => a.id)]);
      expect(evolving.servedIds('groq')).toEqual(expected);
      const { items } = await crawl(listUrl(evolving, 'inference_provider=groq&limit=1000'));
      expect(sorted(idsOf(items))).toEqual(expected);
      expect(evolving.providerCounts().groq).toEqual({
        live: before.groq!.live + 1,
        staging: before.groq!.staging,
        error: before.groq!.error + 1,
      });
      expect(result.served).toBe(expected.length);
    } finally {
      await evolving.close();
    }
  });
});
