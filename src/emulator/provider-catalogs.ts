import type { MappingStatus } from './population.ts';
import type { Random } from './random.ts';
import type { Family } from './vocabulary.ts';

/**
 * One inference provider's served set in a preset: how many of its mappings are live, staging and error, and the
 * mix of mapping tasks it serves. The figures are invented; they only resemble the providers' public catalogs in
 * late 2025 (a few chat models at the fast-hardware providers, thousands of fine-tunes at featherless-ai, image and
 * video generation at fal-ai, replicate and wavespeed).
 */
export interface ProviderCatalog {
  readonly provider: string;
  readonly live: number;
  readonly staging: number;
  readonly error: number;
  /** Mapping tasks and their weights. */
  readonly tasks: Readonly<Record<string, number>>;
  /** `popular` favours the most liked models (so the big chat models are served by many providers); `long-tail` not. */
  readonly draw: 'popular' | 'long-tail';
  /** A provider that serves only its own models: they are published under this owner. */
  readonly owner?: string;
  /** Share of its chat mappings that publish a context length and prices (`providerDetails`). */
  readonly priced?: number;
}

/** A mapping one catalog gives one model. */
export interface CatalogMapping {
  readonly provider: string;
  readonly status: MappingStatus;
  readonly previousStatus: MappingStatus | undefined;
  readonly details: boolean;
  readonly latency: boolean;
}

/** What the catalogs decide for one model before it is written. */
export interface ModelPlan {
  family: Family;
  owner: string | undefined;
  mappings: CatalogMapping[];
}

const chat = (weight = 1) => ({ conversational: weight });

/** The providers-2025-11 catalogs; hf-inference's served set comes from the preset's group counts as elsewhere. */
export const PROVIDER_CATALOGS_2025_11: readonly ProviderCatalog[] = [
  {
    provider: 'together',
    live: 110,
    staging: 6,
    error: 8,
    draw: 'popular',
    tasks: { conversational: 85, 'text-to-image': 15, 'feature-extraction': 5 },
  },
  {
    provider: 'fireworks-ai',
    live: 95,
    staging: 5,
    error: 10,
    draw: 'popular',
    tasks: { conversational: 95, 'feature-extraction': 3 },
  },
  {
    provider: 'groq',
    live: 18,
    staging: 1,
    error: 2,
    draw: 'popular',
    tasks: { conversational: 15, 'automatic-speech-recognition': 3 },
  },
  {
    provider: 'novita',
    live: 85,
    staging: 5,
    error: 6,
    draw: 'popular',
    tasks: { conversational: 75, 'text-to-video': 5, 'text-to-image': 5 },
  },
  {
    provider: 'nebius',
    live: 60,
    staging: 4,
    error: 5,
    draw: 'popular',
    tasks: { conversational: 45, 'text-to-image': 8, 'feature-extraction': 7 },
  },
  {
    provider: 'sambanova',
    live: 14,
    staging: 1,
    error: 2,
    draw: 'popular',
    tasks: { conversational: 12, 'feature-extraction': 2 },
  },
  { provider: 'cerebras', live: 9, staging: 1, error: 1, draw: 'popular', tasks: chat() },
  {
    provider: 'replicate',
    live: 70,
    staging: 4,
    error: 6,
    draw: 'popular',
    tasks: { 'text-to-image': 40, 'text-to-video': 15, 'automatic-speech-recognition': 8, 'text-to-speech': 7 },
  },
  {
    provider: 'fal-ai',
    live: 180,
    staging: 10,
    error: 12,
    draw: 'popular',
    tasks: { 'text-to-image': 110, 'text-to-video': 45, 'automatic-speech-recognition': 10, 'text-to-speech': 15 },
  },
  { provider: 'featherless-ai', live: 2200, staging: 60, error: 90, draw: 'long-tail', tasks: chat(), priced: 0.8 },
  {
    provider: 'hyperbolic',
    live: 22,
    staging: 2,
    error: 3,
    draw: 'popular',
    tasks: { conversational: 18, 'text-to-image': 4 },
  },
  { provider: 'cohere', live: 10, staging: 1, error: 1, draw: 'popular', tasks: chat(), owner: 'CohereLabs' },
  {
    provider: 'nscale',
    live: 24,
    staging: 2,
    error: 2,
    draw: 'popular',
    tasks: { conversational: 20, 'text-to-image': 4 },
  },
  {
    provider: 'scaleway',
    live: 14,
    staging: 1,
    error: 1,
    draw: 'popular',
    tasks: { conversational: 12, 'feature-extraction': 2 },
  },
  {
    provider: 'ovhcloud',
    live: 18,
    staging: 1,
    error: 2,
    draw: 'popular',
    tasks: { conversational: 16, 'feature-extraction': 2 },
  },
  { provider: 'publicai', live: 7, staging: 1, error: 1, draw: 'popular', tasks: chat(), owner: 'swiss-ai' },
  { provider: 'zai-org', live: 6, staging: 0, error: 1, draw: 'popular', tasks: chat(), owner: 'zai-org' },
  {
    provider: 'wavespeed',
    live: 45,
    staging: 3,
    error: 4,
    draw: 'popular',
    tasks: { 'text-to-image': 20, 'text-to-video': 25 },
  },
  {
    provider: 'black-forest-labs',
    live: 6,
    staging: 1,
    error: 0,
    draw: 'popular',
    tasks: { 'text-to-image': 1 },
    owner: 'black-forest-labs',
  },
];

/** The task a family's models are mapped under. */
export const mappingTaskOf = (family: Family): string => family.mappingTask ?? family.task ?? 'feature-extraction';

/**
 * Gives each catalog its served set among the models that have plans, by task: `popular` catalogs draw near the
 * top (canonical checkpoints, then likes), so the well-known chat models end up served by several providers. A
 * catalog's first picks are live, the next staging, the last error. Owner-bound catalogs take models no other
 * owner-bound catalog took, and publish them under their owner.
 */
export function assignCatalogs(
  catalogs: readonly ProviderCatalog[],
  plans: readonly (ModelPlan | undefined)[],
  popularity: { canonicals: Uint8Array; likes: Float64Array },
  random: Random,
): void {
  const { canonicals, likes } = popularity;
  const byTask = new Map<string, number[]>();
  plans.forEach((plan, i) => {
    if (!plan) return;
    const task = mappingTaskOf(plan.family);
    let positions = byTask.get(task);
    if (!positions) byTask.set(task, (positions = []));
    positions.push(i);
  });
  // Canonical checkpoints first (meta-llama/Llama-3.1-8B-Instruct, not a fine-tune of it), then by likes.
  const order = (a: number, b: number) =>
    (canonicals[b] as number) - (canonicals[a] as number) || (likes[b] as number) - (likes[a] as number) || a - b;
  for (const positions of byTask.values()) positions.sort(order);
  for (const catalog of catalogs) assignCatalog(catalog, plans, byTask, random);
}

function assignCatalog(
  catalog: ProviderCatalog,
  plans: readonly (ModelPlan | undefined)[],
  byTask: ReadonlyMap<string, number[]>,
  random: Random,
): void {
  const taken = new Set<number>();
  const eligible = (i: number) => !taken.has(i) && (catalog.owner === undefined || plans[i]?.owner === undefined);
  for (const status of statusesOf(catalog)) {
    const task = pickTask(catalog.tasks, random);
    const position = drawPosition(byTask.get(task) ?? [], eligible, catalog.draw, random);
    if (position === undefined) throw new Error(`preset: not enough ${task} models for ${catalog.provider}`);
    taken.add(position);
    const plan = plans[position] as ModelPlan;
    if (catalog.owner !== undefined) plan.owner = catalog.owner;
    plan.mappings.push({
      provider: catalog.provider,
      status,
      previousStatus: status === 'error' && random.chance(0.5) ? 'live' : undefined,
      details: task === 'conversational' && random.chance(catalog.priced ?? 0.95),
      latency: status === 'live' && random.chance(0.5),
    });
  }
}

/** The catalog's mappings in the order they are drawn: live first, then staging, then error. */
function statusesOf(catalog: ProviderCatalog): MappingStatus[] {
  return [
    ...Array<MappingStatus>(catalog.live).fill('live'),
    ...Array<MappingStatus>(catalog.staging).fill('staging'),
    ...Array<MappingStatus>(catalog.error).fill('error'),
  ];
}

function pickTask(tasks: Readonly<Record<string, number>>, random: Random): string {
  const entries = Object.entries(tasks);
  let roll = random.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [task, weight] of entries) if ((roll -= weight) < 0) return task;
  return (entries[0] as [string, number])[0];
}

/** A position near the top (`popular`: a uniform draw cubed) or anywhere (`long-tail`), skipping ineligible ones. */
function drawPosition(
  positions: readonly number[],
  eligible: (i: number) => boolean,
  draw: ProviderCatalog['draw'],
  random: Random,
): number | undefined {
  for (let attempt = 0; attempt < 50; attempt++) {
    const u = random.next();
    const position = positions[Math.floor(positions.length * (draw === 'popular' ? u ** 3 : u))];
    if (position !== undefined && eligible(position)) return position;
  }
  return positions.find(eligible);
}
