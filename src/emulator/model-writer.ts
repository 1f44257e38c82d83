import { IdSet } from './id-set.ts';
import { drawLineage, hasGgufWeights, LINEAGE_SALT } from './lineage.ts';
import { drawObjectId, drawSha } from './object-id.ts';
import {
  CONTEXT_LENGTHS,
  STATUSES,
  dtypeCodeOf,
  maskCodeOf,
  mappingRecord,
  type EmulatedModel,
  type EmulatedProviderMapping,
  type MappingStatus,
  type Population,
} from './population.ts';
import { mappingTaskOf, type CatalogMapping, type ModelPlan } from './provider-catalogs.ts';
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

// A plain object rather than an enum: group codes live in a Uint8Array and are read back as numbers.
export const Group = { Live: 0, Staging: 1, Error: 2, Other: 3, Unserved: 4 } as const;
export type Group = (typeof Group)[keyof typeof Group];

const LEGACY_CREATED_AT = Date.UTC(2022, 2, 2, 23, 29, 4);
const HUB_START = Date.UTC(2020, 5, 1);
const PROVIDERS_START = Date.UTC(2025, 0, 28);

const familyPickers = {
  hf: new WeightedPicker(FAMILIES_HF_INFERENCE),
  other: new WeightedPicker(FAMILIES_OTHER_PROVIDERS),
  unserved: new WeightedPicker(FAMILIES_UNSERVED),
};
// Built once: tag lists are many (about 200,000 distinct ones at a million models) and share these strings.
const LICENSE_TAGS = [...LICENSES.keys()].map((name) => `license:${name}`);
const DATASET_TAGS = DATASETS.map((name) => `dataset:${name}`);
const LANGUAGE_CODES = [...LANGUAGES.keys()];
const licensePicker = new WeightedPicker([...LICENSES.values()].map((weight, i) => [i, weight] as const));
const languagePicker = new WeightedPicker([...LANGUAGES.values()].map((weight, i) => [i, weight] as const));

/** The family a model of this group is drawn from. */
export function drawFamily(group: Group, random: Random): Family {
  const picker =
    group === Group.Other ? familyPickers.other : group === Group.Unserved ? familyPickers.unserved : familyPickers.hf;
  return picker.draw(random);
}

interface MappingExtras {
  previousStatus?: MappingStatus | undefined;
  details?: boolean;
  latency?: boolean;
}

/** The files of a repo of this library; shared between all repos with the same library and weight formats. */
function siblingsFor(
  library: string | undefined,
  safetensors: boolean,
  hasOnnx: boolean,
): readonly { rfilename: string }[] {
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
  return Object.freeze(names.sort().map((rfilename) => Object.freeze({ rfilename })));
}

/**
 * Writes generated models into a population's columns, one after the other, drawing every value from one seeded
 * stream: the same spec and seed always write the same bytes. Tag lists and file lists are shared between models.
 */
export class ModelWriter {
  private readonly ids: IdSet;
  private readonly tagCodes = new Map<Family, Map<number, Map<number, number>>>();
  private readonly siblingCodes = new Map<number, number>();
  private mappingCounter = 0;

  /**
   * `isTaken` names ids that exist outside this writer (an evolving population's), so they are not drawn again;
   * `lineage` is the stream base models, regions and cards are drawn from, apart from `random`.
   */
  constructor(
    private readonly population: Population,
    private readonly random: Random,
    private readonly now: number,
    private readonly isTaken: (id: string) => boolean = () => false,
    private readonly lineage: Random = new Random(LINEAGE_SALT),
  ) {
    this.ids = new IdSet(population.capacity);
  }

  /**
   * Writes the next model and returns its position. `counter` keeps its ObjectId unique; `fresh` writes a repo
   * created at the writer's `now` (an evolution's new model), under `fresh.id` if given.
   */
  write(
    counter: number,
    group: Group,
    wantCanonical: boolean,
    likes: number,
    downloads: number,
    fresh?: { id?: string | undefined },
    plan?: ModelPlan,
  ): number {
    const { random, population: p } = this;
    const family = plan?.family ?? drawFamily(group, random);
    const { id, name, canonical, base } =
      fresh?.id === undefined ? this.pickId(family, wantCanonical, plan?.owner) : splitId(fresh.id);
    const createdAt = fresh ? this.now : this.pickCreatedAt(canonical, group);
    const lastModified = createdAt + Math.floor(((this.now - createdAt) * random.next() ** 2) / 1000) * 1000;
    const i = p.addModel();
    drawObjectId(p.idWords, 3 * i, createdAt, random, counter);

    const drewSafetensors = random.chance(0.85);
    const hasOnnx = family.library === 'sentence-transformers' && random.chance(0.2);
    const library = family.library ?? (random.chance(0.5) ? undefined : 'transformers');
    const gguf = hasGgufWeights(name, library);
    const hasSafetensors = drewSafetensors && !gguf;
    p.gated[i] = this.pickGated(group);
    p.trendingScore[i] = this.pickTrendingScore(group, likes) ?? NaN;
    drawSha(p.shaWords, 5 * i, random);
    p.ids[i] = id;
    p.createdAt[i] = createdAt;
    p.lastModified[i] = lastModified;
    p.likes[i] = likes;
    p.downloads[i] = downloads;
    p.downloadsAllTime[i] = downloads + Math.floor(downloads * ((this.now - createdAt) / 2.6e9) * random.next());
    p.tagCode[i] = this.tagsFor(family, library, hasSafetensors, hasOnnx, random);
    const libraryCode = library === undefined ? -1 : p.libraries.code(library);
    p.siblingCode[i] = this.siblingCode(libraryCode, library, hasSafetensors, hasOnnx);
    p.libraryCode[i] = libraryCode;
    this.describe(i, family, name, drewSafetensors, group);
    this.writeLineage(i, { name, base: base ?? name, canonical, owners: family.owners }, gguf);
    this.writeMappings(group, family, createdAt, plan?.mappings);
    return i;
  }

  /** The record with a live mapping to `provider`: an existing mapping goes live, or a new one is added. */
  withLiveMapping(record: EmulatedModel, provider: string): EmulatedModel {
    const others = record.inferenceProviderMapping.filter((m) => m.provider !== provider);
    const existing = record.inferenceProviderMapping.find((m) => m.provider === provider);
    let mapping: EmulatedProviderMapping;
    if (existing) {
      const live: Partial<{ -readonly [K in keyof EmulatedProviderMapping]: EmulatedProviderMapping[K] }> = {
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

  /** A new mapping of `record` to `provider`, drawn as generation draws them (without latency or details). */
  mappingOf(record: EmulatedModel, provider: string, status: MappingStatus): EmulatedProviderMapping {
    const { owner } = splitId(record.id);
    const task = record.inferenceProviderMapping[0]?.task ?? record.pipeline_tag ?? 'feature-extraction';
    const row = this.writeMapping(provider, status, task, Date.parse(record.createdAt), { latency: false });
    return mappingRecord(this.population.mappings, row, this.population, record.id, owner);
  }

  private pickGated(group: Group): number {
    const roll = this.random.next();
    const share = group === Group.Live ? 0.07 : group === Group.Unserved ? 0.03 : 0.06;
    return roll < share * 0.7 ? 1 : roll < share ? 2 : 0;
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

  /**
   * Base model, region, card and GGUF weights, from the lineage stream. A GGUF repo lists its parameter count under
   * `gguf` rather than `safetensors`.
   */
  private writeLineage(
    i: number,
    repo: { name: string; base: string; canonical: boolean; owners: readonly string[] },
    gguf: boolean,
  ): void {
    const p = this.population;
    const lineage = drawLineage(this.lineage, repo);
    p.baseCode[i] = lineage.base === undefined ? -1 : p.bases.code(lineage.base);
    p.relationCode[i] = lineage.relationCode;
    p.regionCode[i] = lineage.regionCode;
    p.hasCard[i] = lineage.hasCard ? 1 : 0;
    p.ggufTotal[i] = NaN;
    if (gguf) {
      p.ggufTotal[i] = p.parameterTotal[i] === p.parameterTotal[i] ? (p.parameterTotal[i] as number) : NaN;
      p.ggufContext[i] = lineage.ggufContext;
      p.parameterTotal[i] = NaN;
    }
  }

  /** Task, mask token, parameter count and warm inference, each only where the model has it. */
  private describe(i: number, family: Family, name: string, hasSafetensors: boolean, group: Group): void {
    const p = this.population;
    const task = family.task ?? undefined;
    p.pipelineCode[i] = task === undefined ? -1 : p.tasks.code(task);
    if (task === 'fill-mask')
      p.maskCode[i] = maskCodeOf(/roberta|camembert|ModernBERT/.test(name) ? '<mask>' : '[MASK]');
    p.parameterTotal[i] = NaN;
    if (hasSafetensors) {
      const [lo, hi] = family.params;
      p.parameterTotal[i] = Math.round(Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * this.random.next()));
      p.dtypeCode[i] = dtypeCodeOf(family.dtype);
    }
    if (this.random.chance(group === Group.Live ? 0.4 : group === Group.Unserved ? 0.01 : 0.08)) p.warm[i] = 1;
  }

  /** The code of the model's file list, by library code and weight formats. */
  private siblingCode(libraryCode: number, library: string | undefined, safetensors: boolean, onnx: boolean): number {
    const key = (libraryCode + 1) * 4 + (safetensors ? 2 : 0) + (onnx ? 1 : 0);
    let code = this.siblingCodes.get(key);
    if (code === undefined) {
      code = this.population.siblingLists.code(siblingsFor(library, safetensors, onnx));
      this.siblingCodes.set(key, code);
    }
    return code;
  }

  /** A unique id; `fixedOwner` publishes it under that owner (a provider that serves only its own models). */
  private pickId(
    family: Family,
    wantCanonical: boolean,
    fixedOwner?: string,
  ): { id: string; owner: string; name: string; canonical: boolean; base: string } {
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
        if (random.chance(0.25)) {
          const variant = random.pick(family.variants);
          // The Hub refuses a repo name longer than 96 characters; a second variant that would make one is left off.
          if (name.length + variant.length <= MAX_REPO_NAME) name += variant;
        }
      }
      if (fixedOwner !== undefined) owner = fixedOwner;
      if (attempt > 3) name += `-${attempt}`;
      // join() gives a flat string; concatenation would keep a tree of string pieces per model (a lot, times a
      // million).
      const id = [owner, '/', name].join('');
      if (!this.isTaken(id) && this.ids.add(id)) {
        return { id, owner: id.slice(0, owner.length), name, canonical, base };
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
  ): number {
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
    // Two small-integer keys rather than one past 2^31: V8 hashes small integers far faster than heap numbers.
    const key = (((language * 32 + secondLanguage + 1) * 32 + dataset + 1) * 32 + license) * 4 + libraryCode;
    let byFamily = this.tagCodes.get(family);
    if (!byFamily) this.tagCodes.set(family, (byFamily = new Map<number, Map<number, number>>()));
    let byFlags = byFamily.get(flags);
    if (!byFlags) byFamily.set(flags, (byFlags = new Map<number, number>()));
    let code = byFlags.get(key);
    if (code === undefined) {
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
      if (dataset >= 0) tags.push(DATASET_TAGS[dataset] as string);
      if (flags & 1) tags.push('endpoints_compatible');
      // The region follows with the base model (lineage.ts): those vary per repo, these lists are shared.
      tags.push(LICENSE_TAGS[license] as string);
      code = this.population.tagLists.add(Object.freeze([...new Set(tags)]));
      byFlags.set(key, code);
    }
    return code;
  }

  /**
   * hf-inference's mapping for the groups it has one, then the mappings the provider catalogs planned, or else 0–5
   * other providers that serve the task.
   */
  private writeMappings(group: Group, family: Family, createdAt: number, planned?: readonly CatalogMapping[]): void {
    if (group === Group.Unserved && planned === undefined) return;
    const random = this.random;
    const task = mappingTaskOf(family);
    if (group === Group.Live || group === Group.Staging || group === Group.Error) {
      const status: MappingStatus = group === Group.Live ? 'live' : group === Group.Staging ? 'staging' : 'error';
      this.writeMapping('hf-inference', status, task, createdAt, {
        previousStatus: status === 'error' && random.chance(0.5) ? 'live' : undefined,
        latency: status === 'live' && random.chance(0.6),
      });
    }
    if (planned) {
      for (const mapping of planned) this.writeMapping(mapping.provider, mapping.status, task, createdAt, mapping);
      return;
    }
    for (const provider of this.pickOtherProviders(group, task)) {
      const roll = random.next();
      const status: MappingStatus = roll < 0.7 ? 'live' : roll < 0.8 ? 'staging' : 'error';
      this.writeMapping(provider, status, task, createdAt, {
        previousStatus: status === 'error' && random.chance(0.5) ? 'live' : undefined,
        details: task === 'conversational' && random.chance(0.5),
        latency: status === 'live' && random.chance(0.3),
      });
    }
  }

  private pickOtherProviders(group: Group, task: string): Set<string> {
    const random = this.random;
    const candidates = PROVIDERS_BY_TASK[task] ?? OTHER_PROVIDERS;
    const count =
      group === Group.Other
        ? 1 + random.int(Math.min(5, candidates.length))
        : random.chance(group === Group.Live ? 0.12 : 0.3)
          ? 1 + random.int(Math.min(2, candidates.length))
          : 0;
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(random.pick(candidates));
    return chosen;
  }

  /** Writes one mapping row of the model being written and returns the row. */
  private writeMapping(
    provider: string,
    status: MappingStatus,
    task: string,
    createdAt: number,
    extra: MappingExtras,
  ): number {
    const { random, population: p } = this;
    const since = Math.max(createdAt, PROVIDERS_START);
    const at = since + Math.floor((this.now - since) * random.next());
    const row = p.addMappingRow();
    const m = p.mappings;
    drawObjectId(m.idWords, 3 * row, at, random, this.mappingCounter++);
    m.provider[row] = p.providers.code(provider);
    m.status[row] = STATUSES.indexOf(status);
    m.previous[row] = extra.previousStatus ? STATUSES.indexOf(extra.previousStatus) + 1 : 0;
    m.task[row] = p.tasks.code(task);
    m.latency[row] = extra.latency ? 30 + random.int(400) : 0;
    m.context[row] = 0;
    if (extra.details) {
      const inputCents = Math.round((0.05 + 3 * random.next() ** 2) * 100);
      m.context[row] = 1 + random.int(CONTEXT_LENGTHS.length);
      m.inputCents[row] = inputCents;
      m.outputCents[row] = Math.round((inputCents / 100) * (2 + 2 * random.next()) * 100);
    }
    return row;
  }
}

/** The Hub's longest repo name (`huggingface_hub`'s `validate_repo_id`). */
const MAX_REPO_NAME = 96;

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

function splitId(id: string): { id: string; owner: string; name: string; canonical: false; base: undefined } {
  const slash = id.indexOf('/');
  return { id, owner: id.slice(0, slash), name: id.slice(slash + 1), canonical: false, base: undefined };
}
