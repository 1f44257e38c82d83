import { generatePopulation, type PresetSpec } from './dataset.ts';
import type { EmulatedModel } from './population.ts';
import { PROVIDER_CATALOGS_2025_11 } from './provider-catalogs.ts';

export interface StatusCounts {
  readonly live: number;
  readonly staging: number;
  readonly error: number;
}

/** What a preset holds; `served` is the number of models with a live hf-inference mapping. */
export interface PresetInfo {
  readonly name: string;
  readonly description: string;
  readonly defaultSeed: number;
  readonly population: number;
  readonly served: number;
  readonly hfInference: StatusCounts;
  readonly otherProvidersOnly: number;
  /**
   * Mappings per status of every provider whose served set the preset fixes: hf-inference always, every provider
   * of `providers-2025-11`. Other presets give each model a few random other providers, not counted here.
   */
  readonly providers: Readonly<Record<string, StatusCounts>>;
}

const SPECS: Record<string, PresetSpec> = {
  'gateway-2025-10': {
    description:
      'hf-inference as the gateway saw it in October 2025: 1,377 live models; ' +
      'the top 1,000 by likes and by downloads share 796',
    defaultSeed: 20251015,
    now: '2025-10-20T00:00:00.000Z',
    population: 4000,
    hfInference: { live: 1377, staging: 110, error: 190 },
    otherProvidersOnly: 900,
    distinct: true,
    overlap: { top: 1000, shared: 796 },
  },
  'scale-100k': {
    description: '100,000 live hf-inference models among 120,000, generated at startup',
    defaultSeed: 100_000,
    now: '2026-08-22T00:00:00.000Z',
    population: 120_000,
    hfInference: { live: 100_000, staging: 2000, error: 3000 },
    otherProvidersOnly: 5000,
  },
  'scale-1m': {
    description: '1,000,000 live hf-inference models among 1,060,000, generated at startup',
    defaultSeed: 1_000_000,
    now: '2026-08-22T00:00:00.000Z',
    population: 1_060_000,
    hfInference: { live: 1_000_000, staging: 10_000, error: 20_000 },
    otherProvidersOnly: 15_000,
  },
  'providers-2025-11': {
    description:
      'twenty inference providers with served sets shaped like their public catalogs (invented figures): ' +
      'chat models served by several providers, featherless-ai serving thousands of fine-tunes, staging and error ' +
      'mappings, and router entries with prices',
    defaultSeed: 20251120,
    now: '2025-11-20T00:00:00.000Z',
    population: 20_000,
    hfInference: { live: 1400, staging: 100, error: 160 },
    otherProvidersOnly: 7000,
    providerCatalogs: PROVIDER_CATALOGS_2025_11,
  },
  tiny: {
    description: '30 live hf-inference models among 60, for quick tests',
    defaultSeed: 7,
    now: '2025-10-20T00:00:00.000Z',
    population: 60,
    hfInference: { live: 30, staging: 4, error: 4 },
    otherProvidersOnly: 10,
    distinct: true,
  },
};

export const DEFAULT_PRESET = 'gateway-2025-10';

export const PRESETS: Readonly<Record<string, PresetInfo>> = Object.freeze(
  Object.fromEntries(
    Object.entries(SPECS).map(([name, spec]) => [
      name,
      Object.freeze({
        name,
        description: spec.description,
        defaultSeed: spec.defaultSeed,
        population: spec.population,
        served: spec.hfInference.live,
        hfInference: spec.hfInference,
        otherProvidersOnly: spec.otherProvidersOnly,
        providers: Object.fromEntries([
          ['hf-inference', spec.hfInference],
          ...(spec.providerCatalogs ?? []).map(({ provider, live, staging, error }) => [
            provider,
            { live, staging, error },
          ]),
        ]) as Record<string, StatusCounts>,
      }),
    ]),
  ),
);

export function presetSpec(preset: string): PresetSpec {
  const spec = SPECS[preset];
  if (!spec) throw new Error(`Unknown emulator preset "${preset}" (known: ${Object.keys(SPECS).join(', ')})`);
  return spec;
}

/** Generates a preset's models afresh: same preset and seed, same records, byte for byte. */
export function generateDataset(preset: string, seed?: number): EmulatedModel[] {
  const spec = presetSpec(preset);
  const population = generatePopulation(spec, seed ?? spec.defaultSeed);
  return Array.from({ length: population.n }, (_, i) => population.record(i));
}
