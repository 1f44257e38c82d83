import { Group, ModelWriter, drawFamily } from './model-writer.ts';
import { assignCatalogs, type ModelPlan, type ProviderCatalog } from './provider-catalogs.ts';
import { Population, type EmulatedModel, type EmulatedProviderMapping, type MappingStatus } from './population.ts';
import { LINEAGE_SALT } from './lineage.ts';
import { Random } from './random.ts';

/** How a preset's population splits by hf-inference mapping status, and how it is tuned. */
export interface PresetSpec {
  readonly description: string;
  readonly defaultSeed: number;
  /** The dataset's "today": every date is at or before it. */
  readonly now: string;
  readonly population: number;
  /** Models with an hf-inference mapping per status; the rest is split between other providers and none. */
  readonly hfInference: { readonly live: number; readonly staging: number; readonly error: number };
  readonly otherProvidersOnly: number;
  /** Makes likes and downloads distinct among the hf-inference live models. */
  readonly distinct?: boolean;
  /** Makes the top `top` by likes and by downloads of the hf-inference live models share exactly `shared`. */
  readonly overlap?: { readonly top: number; readonly shared: number };
  /**
   * Served sets of other providers, drawn among the models of every group but the unserved one; without it, each
   * model gets a few random other providers.
   */
  readonly providerCatalogs?: readonly ProviderCatalog[];
}

/** Log-normal popularity per group: [median likes, sigma, median downloads, sigma]. */
const POPULARITY: Record<Group, readonly [number, number, number, number]> = {
  [Group.Live]: [150, 1.4, 120_000, 2.2],
  [Group.Staging]: [40, 1.5, 20_000, 2.2],
  [Group.Error]: [60, 1.6, 15_000, 2.4],
  [Group.Other]: [300, 1.6, 60_000, 2.4],
  [Group.Unserved]: [3, 2.0, 150, 2.6],
};
/** Share of each group that are canonical checkpoints rather than finetunes or re-uploads. */
const CANONICAL_SHARE: Record<Group, number> = {
  [Group.Live]: 0.3,
  [Group.Staging]: 0.2,
  [Group.Error]: 0.2,
  [Group.Other]: 0.2,
  [Group.Unserved]: 0.03,
};

/** Correlation between likes and downloads through a shared latent popularity. */
const POPULARITY_CORRELATION = 0.62;

/** Generates a preset's population; the same spec and seed always give the same records in the same order. */
export function generatePopulation(spec: PresetSpec, seed: number): Population {
  const random = new Random(seed);
  const groups = shuffledGroups(spec, random);
  const { canonicals, likes, downloads } = drawPopularity(groups, random);
  const served: number[] = [];
  for (let i = 0; i < spec.population; i++) if (groups[i] === Group.Live) served.push(i);
  if (spec.distinct || spec.overlap) {
    makeDistinct(served, likes);
    makeDistinct(served, downloads);
  }
  if (spec.overlap) tuneOverlap(served, likes, downloads, spec.overlap.top, spec.overlap.shared);

  const plans = spec.providerCatalogs ? planCatalogs(spec.providerCatalogs, groups, { canonicals, likes }, seed) : [];
  const population = new Population(spec.population);
  const writer = new ModelWriter(population, random, Date.parse(spec.now), undefined, new Random(seed ^ LINEAGE_SALT));
  for (let i = 0; i < spec.population; i++) {
    const group = groups[i] as Group;
    // A provider that serves only its own models publishes them under their canonical names.
    const canonical = canonicals[i] === 1 || plans[i]?.owner !== undefined;
    writer.write(i, group, canonical, likes[i] as number, downloads[i] as number, undefined, plans[i]);
  }
  return population;
}

/**
 * Draws every served model's family first (from a stream of its own), so that the catalogs can pick models by task
 * before the models are written.
 */
function planCatalogs(
  catalogs: readonly ProviderCatalog[],
  groups: Uint8Array,
  popularity: { canonicals: Uint8Array; likes: Float64Array },
  seed: number,
): (ModelPlan | undefined)[] {
  const random = new Random(seed ^ 0x6a09e667);
  const plans = Array.from(groups, (group): ModelPlan | undefined =>
    group === Group.Unserved
      ? undefined
      : { family: drawFamily(group as Group, random), owner: undefined, mappings: [] },
  );
  assignCatalogs(catalogs, plans, popularity, random);
  return plans;
}

/** Each model's group, in the counts the preset asks for, shuffled (Fisher-Yates). */
function shuffledGroups(spec: PresetSpec, random: Random): Uint8Array {
  const { live, staging, error } = spec.hfInference;
  const unserved = spec.population - live - staging - error - spec.otherProvidersOnly;
  if (unserved < 0) throw new Error('preset population is smaller than its groups');
  const groups = new Uint8Array(spec.population);
  let at = 0;
  for (const [group, count] of [
    [Group.Live, live],
    [Group.Staging, staging],
    [Group.Error, error],
    [Group.Other, spec.otherProvidersOnly],
    [Group.Unserved, unserved],
  ] as const) {
    groups.fill(group, at, at + count);
    at += count;
  }
  for (let i = groups.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = groups[i] as number;
    groups[i] = groups[j] as number;
    groups[j] = t;
  }
  return groups;
}

/** Likes and downloads per model, correlated through a latent popularity, and which models are canonical. */
function drawPopularity(
  groups: Uint8Array,
  random: Random,
): { canonicals: Uint8Array; likes: Float64Array; downloads: Float64Array } {
  const n = groups.length;
  const canonicals = new Uint8Array(n);
  const likes = new Float64Array(n);
  const downloads = new Float64Array(n);
  const spread = Math.sqrt(1 - POPULARITY_CORRELATION ** 2);
  for (let i = 0; i < n; i++) {
    const [likesMedian, likesSigma, downloadsMedian, downloadsSigma] = POPULARITY[groups[i] as Group];
    // Canonical checkpoints (google-bert/bert-base-uncased) draw more likes and downloads than finetunes of them.
    const canonical = random.chance(CANONICAL_SHARE[groups[i] as Group]);
    if (canonical) canonicals[i] = 1;
    const latent = random.normal() + (canonical ? 1 : -0.3);
    likes[i] = Math.floor(
      likesMedian * Math.exp(likesSigma * (POPULARITY_CORRELATION * latent + spread * random.normal())),
    );
    downloads[i] = Math.floor(
      downloadsMedian * Math.exp(downloadsSigma * (POPULARITY_CORRELATION * latent + spread * random.normal())),
    );
  }
  return { canonicals, likes, downloads };
}

/**
 * A repo created at `at` and served live by `provider`, as an evolution adds it: drawn like the preset's served models
 * but with the modest popularity of a new upload. `counter` keeps its ObjectId unique (the generated models use their
 * positions, so an evolving population passes the number of models it has ever held).
 */
export function newServedModel(fresh: {
  random: Random;
  at: number;
  counter: number;
  provider: string;
  id?: string | undefined;
  isTaken: (id: string) => boolean;
}): EmulatedModel {
  const { random, provider } = fresh;
  const scratch = new Population(1);
  const lineage = new Random(LINEAGE_SALT ^ fresh.counter);
  const writer = new ModelWriter(scratch, random, fresh.at, fresh.isTaken, lineage);
  const likes = Math.floor(3 * Math.exp(random.normal()));
  const downloads = Math.floor(200 * Math.exp(1.5 * random.normal()));
  const group = provider === 'hf-inference' ? Group.Live : Group.Other;
  const record = scratch.record(writer.write(fresh.counter, group, false, likes, downloads, { id: fresh.id }));
  return group === Group.Live ? record : writer.withLiveMapping(record, provider);
}

/** A mapping of `model` to `provider` created at `at`, as the Hub lists it. */
export function newMapping(
  random: Random,
  at: number,
  model: EmulatedModel,
  provider: string,
  status: MappingStatus,
): EmulatedProviderMapping {
  return new ModelWriter(new Population(1), random, at).mappingOf(model, provider, status);
}

/** Raises the smallest values just enough that no two of `indices` share a value, keeping their order. */
function makeDistinct(indices: readonly number[], values: Float64Array): void {
  const order = [...indices].sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  let floor = -1;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k] as number;
    if ((values[i] as number) <= floor) values[i] = floor + 1;
    floor = values[i] as number;
  }
}

/**
 * Swaps downloads between models at the edge of the top-`top` cut until the likes and downloads cuts share exactly
 * `shared` models. Values stay distinct because they are only exchanged.
 */
function tuneOverlap(
  indices: readonly number[],
  likes: Float64Array,
  downloads: Float64Array,
  top: number,
  shared: number,
): void {
  const topByLikes = new Set(
    [...indices].sort((a, b) => (likes[b] as number) - (likes[a] as number) || a - b).slice(0, top),
  );
  const min = Math.max(0, 2 * top - indices.length);
  if (shared < min || shared > Math.min(top, indices.length)) throw new Error(`overlap ${shared} is impossible`);
  for (;;) {
    const byDownloads = [...indices].sort((a, b) => (downloads[b] as number) - (downloads[a] as number) || a - b);
    const inTop = byDownloads.slice(0, top);
    const outTop = byDownloads.slice(top);
    const overlap = inTop.filter((i) => topByLikes.has(i)).length;
    if (overlap === shared) return;
    let a: number | undefined;
    let b: number | undefined;
    if (overlap > shared) {
      a = inTop.findLast((i) => topByLikes.has(i));
      b = outTop.find((i) => !topByLikes.has(i));
    } else {
      a = outTop.find((i) => topByLikes.has(i));
      b = inTop.findLast((i) => !topByLikes.has(i));
    }
    if (a === undefined || b === undefined) throw new Error('overlap tuning got stuck');
    const t = downloads[a] as number;
    downloads[a] = downloads[b] as number;
    downloads[b] = t;
  }
}
