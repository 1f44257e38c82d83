import { Random, WeightedPicker } from './random.ts';
import {
  DATASETS,
  EXTRA_ORGS,
  FAMILIES_HF_INFERENCE,
  FAMILIES_OTHER_PROVIDERS,
  FAMILIES_UNSERVED,
  LANGUAGES,
  LICENSES,
  OTHER_PROVIDERS,
  PROVIDERS_BY_TASK,
  userName,
  type Family,
} from './vocabulary.ts';

export type MappingStatus = 'live' | 'staging' | 'error';

/** One entry of `inferenceProviderMapping` as the Hub lists it. */
export interface EmulatedProviderMapping {
  readonly _id: string;
  readonly provider: string;
  readonly providerId: string;
  readonly status: MappingStatus;
  readonly previousStatus?: MappingStatus;
  readonly task: string;
  readonly performance?: { readonly requestLatencyMs: number };
  readonly providerDetails?: {
    readonly context_length: number;
    readonly pricing: { readonly input: number; readonly output: number };
  };
  readonly type: 'single-model';
  readonly isModelAuthor: boolean;
}

/** A model repo as the Hub stores it; absent fields are omitted, never null. */
export interface EmulatedModel {
  readonly _id: string;
  readonly id: string;
  readonly author: string;
  readonly sha: string;
  readonly createdAt: string;
  readonly lastModified: string;
  readonly private: false;
  readonly gated: false | 'auto' | 'manual';
  readonly disabled: false;
  readonly likes: number;
  readonly downloads: number;
  readonly downloadsAllTime: number;
  readonly trendingScore?: number;
  readonly tags: readonly string[];
  readonly pipeline_tag?: string;
  readonly library_name?: string;
  readonly mask_token?: string;
  readonly siblings: readonly { readonly rfilename: string }[];
  readonly safetensors?: { readonly parameters: Readonly<Record<string, number>>; readonly total: number };
  readonly inference?: 'warm';
  readonly inferenceProviderMapping: readonly EmulatedProviderMapping[];
}

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
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// A plain object rather than an enum: group codes live in a Uint8Array and are read back as numbers.
const Group = { Live: 0, Staging: 1, Error: 2, Other: 3, Unserved: 4 } as const;
type Group = (typeof Group)[keyof typeof Group];

const LEGACY_CREATED_AT = Date.UTC(2022, 2, 2, 23, 29, 4);
const HUB_START = Date.UTC(2020, 5, 1);
const PROVIDERS_START = Date.UTC(2025, 0, 28);

const familyPickers = {
  hf: new WeightedPicker(FAMILIES_HF_INFERENCE),
  other: new WeightedPicker(FAMILIES_OTHER_PROVIDERS),
  unserved: new WeightedPicker(FAMILIES_UNSERVED),
};
const LICENSE_NAMES = [...LICENSES.keys()];
const LANGUAGE_CODES = [...LANGUAGES.keys()];
const licensePicker = new WeightedPicker([...LICENSES.values()].map((weight, i) => [i, weight] as const));
const languagePicker = new WeightedPicker([...LANGUAGES.values()].map((weight, i) => [i, weight] as const));

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
export function generatePopulation(spec: PresetSpec, seed: number): EmulatedModel[] {
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

  const builder = new RecordBuilder(random, Date.parse(spec.now));
  const models = new Array<EmulatedModel>(spec.population);
  for (let i = 0; i < spec.population; i++) {
    models[i] = builder.build(i, groups[i] as Group, canonicals[i] === 1, likes[i] as number, downloads[i] as number);
  }
  return models;
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
  const builder = new RecordBuilder(random, fresh.at, fresh.isTaken);
  const likes = Math.floor(3 * Math.exp(random.normal()));
  const downloads = Math.floor(200 * Math.exp(1.5 * random.normal()));
  const group = provider === 'hf-inference' ? Group.Live : Group.Other;
  const record = builder.build(fresh.counter, group, false, likes, downloads, { id: fresh.id });
  return group === Group.Live ? record : builder.withLiveMapping(record, provider);
}

/** A mapping of `model` to `provider` created at `at`, as the Hub lists it. */
export function newMapping(
  random: Random,
  at: number,
  model: EmulatedModel,
  provider: string,
  status: MappingStatus,
): EmulatedProviderMapping {
  return new RecordBuilder(random, at).mappingOf(model, provider, status);
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

const SIBLINGS = new Map<string, readonly { rfilename: string }[]>();
function siblingsFor(
  library: string | undefined,
  safetensors: boolean,
  hasOnnx: boolean,
): readonly { rfilename: string }[] {
  const key = `${library ?? ''}|${safetensors}|${hasOnnx}`;
  let files = SIBLINGS.get(key);
  if (!files) {
    const names = ['.gitattributes', 'README.md'];
    if (library === 'diffusers') {
      names.push(
        'model_index.json',
        'scheduler/scheduler_config.json',
        'text_encoder/config.json',
        'unet/config.json',
        'vae/config.json',
      );
      names.push(safetensors ? 'unet/diffusion_pytorch_model.safetensors' : 'unet/diffusion_pytorch_model.bin');
    } else if (library === 'timm') {
      names.push('config.json', safetensors ? 'model.safetensors' : 'pytorch_model.bin');
    } else {
      names.push(
        'config.json',
        safetensors ? 'model.safetensors' : 'pytorch_model.bin',
        'tokenizer.json',
        'tokenizer_config.json',
        'special_tokens_map.json',
      );
      if (library === 'sentence-transformers')
        names.push(
          'modules.json',
          'sentence_bert_config.json',
          '1_Pooling/config.json',
          'config_sentence_transformers.json',
        );
      if (library === 'gguf') names.push('model-Q4_K_M.gguf', 'model-Q8_0.gguf');
    }
    if (hasOnnx) names.push('onnx/model.onnx');
    files = Object.freeze(names.sort().map((rfilename) => Object.freeze({ rfilename })));
    SIBLINGS.set(key, files);
  }
  return files;
}

/** Builds records one by one, sharing identical tag and sibling arrays between them to keep 1M models in memory. */
class RecordBuilder {
  private readonly ids = new Set<string>();
  private readonly tagArrays = new Map<Family, Map<number, readonly string[]>>();
  private mappingCounter = 0;

  /** `isTaken` names ids that exist outside this builder (an evolving population's), so they are not drawn again. */
  constructor(
    private readonly random: Random,
    private readonly now: number,
    private readonly isTaken: (id: string) => boolean = () => false,
  ) {}

  /** `fresh` builds a repo created at the builder's `now` (an evolution's new model), under `fresh.id` if given. */
  build(
    index: number,
    group: Group,
    wantCanonical: boolean,
    likes: number,
    downloads: number,
    fresh?: { id?: string | undefined },
  ): EmulatedModel {
    const random = this.random;
    const family = (
      group === Group.Other ? familyPickers.other : group === Group.Unserved ? familyPickers.unserved : familyPickers.hf
    ).draw(random);
    const { id, owner, name, canonical } =
      fresh?.id === undefined ? this.pickId(family, wantCanonical) : splitId(fresh.id);

    const createdAt = fresh ? this.now : this.pickCreatedAt(canonical, group);
    const lastModified = createdAt + Math.floor(((this.now - createdAt) * random.next() ** 2) / 1000) * 1000;
    const objectId = objectIdFor(createdAt, random, index);

    const hasSafetensors = random.chance(0.85);
    const hasOnnx = family.library === 'sentence-transformers' && random.chance(0.2);
    const library = family.library ?? (random.chance(0.5) ? undefined : 'transformers');
    const gated = this.pickGated(group);
    const trendingScore = this.pickTrendingScore(group, likes);

    const record: Mutable<EmulatedModel> = {
      _id: objectId,
      id,
      author: owner,
      sha: random.hex(40),
      createdAt: new Date(createdAt).toISOString(),
      lastModified: new Date(lastModified).toISOString(),
      private: false,
      gated,
      disabled: false,
      likes,
      downloads,
      downloadsAllTime: downloads + Math.floor(downloads * ((this.now - createdAt) / 2.6e9) * random.next()),
      tags: this.tagsFor(family, library, hasSafetensors, hasOnnx, random),
      siblings: siblingsFor(library, hasSafetensors, hasOnnx),
      inferenceProviderMapping: [],
    };
    if (trendingScore !== undefined) record.trendingScore = trendingScore;
    this.describe(record, family, library, hasSafetensors, group);
    record.inferenceProviderMapping = this.mappingsFor(group, family, owner, name, id, createdAt);
    return record;
  }

  private pickGated(group: Group): false | 'auto' | 'manual' {
    const roll = this.random.next();
    const share = group === Group.Live ? 0.07 : group === Group.Unserved ? 0.03 : 0.06;
    return roll < share * 0.7 ? 'auto' : roll < share ? 'manual' : false;
  }

  /** Proportional to likes with noise; some are fractional, and a few unserved models have none. */
  private pickTrendingScore(group: Group, likes: number): number | undefined {
    const random = this.random;
    const roll = random.next();
    let score: number | undefined = Math.max(0, Math.round(likes * 0.004 * Math.exp(1.2 * random.normal())));
    if (roll < 0.15) score = Math.round(score * 10 + random.next() * 10) / 10;
    if (group === Group.Unserved && roll > 0.97) score = undefined;
    return score;
  }

  /** Task, library, mask token, parameter count and warm inference, each only where the model has it. */
  private describe(
    record: Mutable<EmulatedModel>,
    family: Family,
    library: string | undefined,
    hasSafetensors: boolean,
    group: Group,
  ): void {
    const task = family.task ?? undefined;
    if (task !== undefined) record.pipeline_tag = task;
    if (library !== undefined) record.library_name = library;
    if (task === 'fill-mask') {
      record.mask_token = /roberta|camembert|ModernBERT/.test(record.id.slice(record.author.length + 1))
        ? '<mask>'
        : '[MASK]';
    }
    if (hasSafetensors) {
      const [lo, hi] = family.params;
      const total = Math.round(Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * this.random.next()));
      // Literal keys: a computed key sends every record down V8's slow path.
      const parameters: Record<string, number> =
        family.dtype === 'F32' ? { F32: total } : family.dtype === 'F16' ? { F16: total } : { BF16: total };
      record.safetensors = { parameters, total };
    }
    if (this.random.chance(group === Group.Live ? 0.4 : group === Group.Unserved ? 0.01 : 0.08)) {
      record.inference = 'warm';
    }
  }

  /** The record with a live mapping to `provider`: an existing mapping goes live, or a new one is added. */
  withLiveMapping(record: EmulatedModel, provider: string): EmulatedModel {
    const others = record.inferenceProviderMapping.filter((m) => m.provider !== provider);
    const existing = record.inferenceProviderMapping.find((m) => m.provider === provider);
    let mapping: EmulatedProviderMapping;
    if (existing) {
      const live: { -readonly [K in keyof EmulatedProviderMapping]?: EmulatedProviderMapping[K] } = {
        ...existing,
        status: 'live',
      };
      delete live.previousStatus;
      mapping = live as EmulatedProviderMapping;
    } else {
      mapping = this.mappingOf(record, provider, 'live');
    }
    return { ...record, inferenceProviderMapping: [...others, mapping] };
  }

  mappingOf(record: EmulatedModel, provider: string, status: MappingStatus): EmulatedProviderMapping {
    const { owner, name } = splitId(record.id);
    const task = record.inferenceProviderMapping[0]?.task ?? record.pipeline_tag ?? 'feature-extraction';
    return this.mapping(
      provider,
      providerIdFor(provider, owner, name, record.id),
      status,
      task,
      owner,
      Date.parse(record.createdAt),
      { latency: false },
    );
  }

  private pickId(
    family: Family,
    wantCanonical: boolean,
  ): { id: string; owner: string; name: string; canonical: boolean } {
    const random = this.random;
    for (let attempt = 0; ; attempt++) {
      let owner: string;
      let name: string;
      let canonical = false;
      const base = random.pick(family.bases);
      const roll = random.next();
      if (attempt === 0 && wantCanonical) {
        owner = random.pick(family.owners);
        name = base;
        canonical = true;
      } else if (roll < 0.15) {
        owner = random.chance(0.5) ? random.pick(EXTRA_ORGS) : random.pick(family.owners);
        name = base + random.pick(family.variants);
      } else {
        owner = userName((n) => random.int(n));
        name = random.chance(0.06) ? personalName(random, family) : base + random.pick(family.variants);
        if (random.chance(0.25)) name += random.pick(family.variants);
      }
      if (attempt > 3) name += `-${attempt}`;
      // join() gives a flat string; concatenation would keep a tree of string pieces per model (a lot, times a
      // million).
      const id = [owner, '/', name].join('');
      if (!this.ids.has(id) && !this.isTaken(id)) {
        this.ids.add(id);
        return { id, owner: id.slice(0, owner.length), name, canonical };
      }
    }
  }

  private pickCreatedAt(canonical: boolean, group: Group): number {
    const random = this.random;
    if (canonical && random.chance(0.35)) return LEGACY_CREATED_AT + random.int(3) * 1000;
    // The Hub grows fast, so recent repos are more common: skew towards `now`.
    const skew = group === Group.Unserved ? 0.6 : 0.9;
    const t = this.now - (this.now - HUB_START) * random.next() ** (1 / skew) * random.next();
    return Math.floor(t / 1000) * 1000;
  }

  private tagsFor(
    family: Family,
    library: string | undefined,
    safetensors: boolean,
    onnx: boolean,
    random: Random,
  ): readonly string[] {
    // Draw first, then look the combination up by a numeric key: many models share their tag list.
    let flags = 0;
    for (let i = 0; i < family.extraTags.length; i++) if (random.chance(0.7)) flags |= 1 << i;
    const withTransformers = library === 'sentence-transformers' || (library !== 'transformers' && random.chance(0.3));
    const pytorch = random.chance(0.7);
    flags = (flags << 5) | (+withTransformers << 4) | (+pytorch << 3) | (+safetensors << 2) | (+onnx << 1);
    const language = languagePicker.draw(random);
    const secondLanguage = random.chance(0.15) ? languagePicker.draw(random) : -1;
    const dataset = random.chance(0.2) ? random.int(DATASETS.length) : -1;
    if (random.chance(0.8)) flags |= 1;
    const license = licensePicker.draw(random);
    const libraryCode = library === undefined ? 0 : library === family.library ? 1 : 2;
    const key =
      ((((flags * 32 + language) * 32 + secondLanguage + 1) * 32 + dataset + 1) * 32 + license) * 4 + libraryCode;
    let byFamily = this.tagArrays.get(family);
    if (!byFamily) this.tagArrays.set(family, (byFamily = new Map<number, readonly string[]>()));
    let shared = byFamily.get(key);
    if (!shared) {
      const tags: string[] = [];
      if (library) tags.push(library);
      if (withTransformers) tags.push('transformers');
      if (pytorch) tags.push('pytorch');
      if (safetensors) tags.push('safetensors');
      if (onnx) tags.push('onnx');
      if (family.task) tags.push(family.task);
      family.extraTags.forEach((tag, i) => {
        if (flags & (1 << (i + 5))) tags.push(tag);
      });
      tags.push(LANGUAGE_CODES[language] as string);
      if (secondLanguage >= 0) tags.push(LANGUAGE_CODES[secondLanguage] as string);
      if (dataset >= 0) tags.push(`dataset:${DATASETS[dataset] as string}`);
      if (flags & 1) tags.push('endpoints_compatible');
      tags.push(`license:${LICENSE_NAMES[license] as string}`, 'region:us');
      shared = Object.freeze([...new Set(tags)]);
      byFamily.set(key, shared);
    }
    return shared;
  }

  private mappingsFor(
    group: Group,
    family: Family,
    owner: string,
    name: string,
    id: string,
    createdAt: number,
  ): EmulatedProviderMapping[] {
    if (group === Group.Unserved) return [];
    const random = this.random;
    const task = family.mappingTask ?? family.task ?? 'feature-extraction';
    const mappings: EmulatedProviderMapping[] = [];
    if (group === Group.Live || group === Group.Staging || group === Group.Error) {
      const status: MappingStatus = group === Group.Live ? 'live' : group === Group.Staging ? 'staging' : 'error';
      mappings.push(
        this.mapping('hf-inference', id, status, task, owner, createdAt, {
          previousStatus: status === 'error' && random.chance(0.5) ? 'live' : undefined,
          latency: status === 'live' && random.chance(0.6),
        }),
      );
    }
    const candidates = PROVIDERS_BY_TASK[task] ?? OTHER_PROVIDERS;
    const count =
      group === Group.Other
        ? 1 + random.int(Math.min(5, candidates.length))
        : random.chance(group === Group.Live ? 0.12 : 0.3)
          ? 1 + random.int(Math.min(2, candidates.length))
          : 0;
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(random.pick(candidates));
    for (const provider of chosen) {
      const roll = random.next();
      const status: MappingStatus = roll < 0.7 ? 'live' : roll < 0.8 ? 'staging' : 'error';
      mappings.push(
        this.mapping(provider, providerIdFor(provider, owner, name, id), status, task, owner, createdAt, {
          previousStatus: status === 'error' && random.chance(0.5) ? 'live' : undefined,
          details: task === 'conversational' && random.chance(0.5),
          latency: status === 'live' && random.chance(0.3),
        }),
      );
    }
    return mappings;
  }

  private mapping(
    provider: string,
    providerId: string,
    status: MappingStatus,
    task: string,
    owner: string,
    createdAt: number,
    extra: { previousStatus?: MappingStatus | undefined; details?: boolean; latency?: boolean },
  ): EmulatedProviderMapping {
    const random = this.random;
    const since = Math.max(createdAt, PROVIDERS_START);
    const at = since + Math.floor((this.now - since) * random.next());
    const mapping: { -readonly [K in keyof EmulatedProviderMapping]?: EmulatedProviderMapping[K] } = {
      _id: objectIdFor(at, random, this.mappingCounter++),
      provider,
      providerId,
      status,
    };
    if (extra.previousStatus) mapping.previousStatus = extra.previousStatus;
    mapping.task = task;
    if (extra.latency) mapping.performance = { requestLatencyMs: 30 + random.int(400) };
    if (extra.details) {
      const input = Math.round((0.05 + 3 * random.next() ** 2) * 100) / 100;
      mapping.providerDetails = {
        context_length: random.pick([8192, 32768, 131072, 163840, 262144]),
        pricing: { input, output: Math.round(input * (2 + 2 * random.next()) * 100) / 100 },
      };
    }
    mapping.type = 'single-model';
    mapping.isModelAuthor = owner.toLowerCase() === provider;
    return mapping as EmulatedProviderMapping;
  }
}

const PERSONAL_NAMES = [
  'my_awesome_model',
  'test-model',
  'results',
  'model',
  'output',
  'final-model',
  'checkpoints',
  'demo',
  'trained-model',
  'assignment',
];
function personalName(random: Random, family: Family): string {
  const base = random.pick(PERSONAL_NAMES);
  return random.chance(0.5) && family.task
    ? `${family.task.split('-')[0] ?? ''}-${base}`
    : `${base}-${random.int(100)}`;
}

function splitId(id: string): { id: string; owner: string; name: string; canonical: false } {
  const slash = id.indexOf('/');
  return { id, owner: id.slice(0, slash), name: id.slice(slash + 1), canonical: false };
}

/** A MongoDB-like ObjectId: creation seconds, random bytes, then a counter so ids never collide. */
function objectIdFor(ms: number, random: Random, counter: number): string {
  return [
    Math.floor(ms / 1000)
      .toString(16)
      .padStart(8, '0'),
    random.hex(10),
    (counter & 0xffffff).toString(16).padStart(6, '0'),
  ].join('');
}

function providerIdFor(provider: string, owner: string, name: string, id: string): string {
  const lower = name.toLowerCase();
  switch (provider) {
    case 'fireworks-ai':
      return `accounts/fireworks/models/${lower.replaceAll('.', 'p')}`;
    case 'novita':
      return id.toLowerCase();
    case 'groq':
    case 'cerebras':
      return lower;
    case 'sambanova':
      return name;
    case 'replicate':
      return `${owner.toLowerCase()}/${lower}`;
    case 'fal-ai':
      return `fal-ai/${lower}`;
    case 'nebius':
      return `${id}-fast`;
    default:
      return id;
  }
}
