import {
  ModelTable,
  type CatalogSnapshot,
  type FetchReport,
  type MappingDetails,
  type Model,
  type ProviderMapping,
} from '../../src/catalog/index.ts';
import { seededRandom } from '../../test/support/seeded-random.ts';

/**
 * A deterministic catalog of any size, generated row by row for benchmarks at sizes the emulator takes long to start
 * (a million models). Shaped like the Hub's listing: owners with a long tail (a few own thousands of models, most own
 * one or two), 40 tasks and 25 libraries of very unequal size, 4–14 tags per model from a vocabulary with a few very
 * common tags (`region:us`, licenses, languages) and thousands of rare ones, heavy-tailed downloads with correlated
 * likes, a trending score on most models, 8% gated, one to three provider mappings, the other providers' with the
 * router's figures (context length, prices, capabilities, latency, throughput). Rows come out of id order, so building a
 * table from them includes its sort.
 */
export function* syntheticModels(count: number, seed = 1): Generator<Model> {
  const random = seededRandom(seed);
  const owners = Math.max(1, Math.round(count / 8));
  const perOwner = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const owner = Math.floor(owners * random() ** 3);
    const serial = perOwner.get(owner) ?? 0;
    perOwner.set(owner, serial + 1);
    yield syntheticModel(random, owner, serial);
  }
}

const TASKS = Array.from(
  { length: 40 },
  (_, i) => `task-${i.toString(36)}-${['text', 'image', 'audio', 'video'][i % 4]}`,
);
const LIBRARIES = Array.from({ length: 25 }, (_, i) => `library-${i}`);
const COMMON_TAGS = ['region:us', 'license:apache-2.0', 'license:mit', 'en', 'safetensors', 'endpoints_compatible'];
const RARE_TAGS = 5000;
const PROVIDERS = ['together', 'fireworks-ai', 'nebius', 'novita', 'sambanova', 'replicate', 'fal-ai', 'groq'];
const NOW = Date.parse('2026-08-22T00:00:00.000Z');
const DAY = 86_400_000;

function syntheticModel(random: () => number, owner: number, serial: number): Model {
  const author = `${owner % 3 === 0 ? 'Org' : 'user'}${owner.toString(36)}`;
  // Flat, as an id parsed from JSON is: a concatenation would stay a rope until first read.
  const id = flat(`${author}/model-${serial.toString(36)}-${Math.floor(random() * 1e6).toString(36)}`);
  const downloads = Math.floor(Math.exp(random() * 16) - 1);
  const likes = Math.floor(Math.sqrt(downloads) * random() * 0.5);
  const createdAt = NOW - Math.floor(random() * 1500 * DAY);
  const pipelineTag = random() < 0.95 ? TASKS[Math.floor(TASKS.length * random() ** 2)]! : null;
  const libraryName = random() < 0.9 ? LIBRARIES[Math.floor(LIBRARIES.length * random() ** 2)]! : null;
  const tags = tagsFor(random, pipelineTag);
  return {
    id,
    author,
    name: id.slice(author.length + 1),
    pipelineTag,
    libraryName,
    tags,
    downloads,
    likes,
    trendingScore: random() < 0.8 ? Math.floor(random() * likes) : null,
    createdAt: new Date(createdAt).toISOString(),
    lastModified: new Date(createdAt + Math.floor(random() * (NOW - createdAt))).toISOString(),
    gated: random() < 0.08 ? (random() < 0.5 ? 'auto' : 'manual') : null,
    private: false,
    parameterCount: random() < 0.5 ? Math.floor(Math.exp(16 + random() * 9)) : null,
    ...labelsFor(id, tags, pipelineTag),
    providers: providersFor(random, id, pipelineTag),
    hubId: Array.from({ length: 24 }, () => Math.floor(random() * 16).toString(16)).join(''),
    foundBy: random() < 0.7 ? ['createdAt', 'likes'] : ['createdAt'],
    url: `https://huggingface.co/${id}`,
  };
}

/** Licenses by share of models, as the Hub's listing has them: a few common, `other` and none frequent. */
const LICENSE_SHARES: [string | null, number][] = [
  ['apache-2.0', 0.3],
  ['mit', 0.16],
  [null, 0.18],
  ['other', 0.08],
  ['openrail', 0.04],
  ['cc-by-nc-4.0', 0.04],
  ['llama3.1', 0.03],
  ['cc-by-4.0', 0.03],
  ['gemma', 0.02],
  ['llama3.2', 0.02],
  ['creativeml-openrail-m', 0.02],
  ['unknown', 0.02],
  ['gpl-3.0', 0.02],
  ['bsd-3-clause', 0.02],
  ['afl-3.0', 0.02],
];
const LANGUAGES = ['zh', 'fr', 'de', 'es', 'ja', 'ru', 'ko', 'multilingual', 'it', 'pt', 'ar', 'hi', 'nl', 'pl', 'tr'];
const BASES = 2000;
const RELATIONS = ['finetune', 'quantized', 'adapter', 'merge'] as const;

/**
 * A model's license, languages, base model and modalities, derived from its id (FNV-1a) and tags rather than drawn, so
 * the random stream, and with it every other column, is what it was before models had them: a license tag names the
 * license, the `en` tag English, the task's last word the modalities; the rest by shares like the Hub's.
 */
function labelsFor(id: string, tags: readonly string[], task: string | null) {
  let bits = fnv(id);
  const take = (range: number) => {
    const value = bits % range;
    bits = Math.floor(bits / range) || fnv(`${id}${bits}`);
    return value;
  };
  const licenseTag = tags.find((tag) => tag.startsWith('license:'));
  let license: string | null = licenseTag ? licenseTag.slice('license:'.length) : null;
  if (!licenseTag) {
    let roll = take(1000) / 1000;
    license = LICENSE_SHARES.find(([, share]) => (roll -= share) < 0)?.[0] ?? null;
  }
  const languages = tags.includes('en') ? ['en'] : [];
  for (let extra = take(8); extra >= 5; extra--)
    languages.push(LANGUAGES[Math.floor(LANGUAGES.length * (take(100) / 100) ** 2)]!);
  const base = take(10) < 3 ? `base-org${take(50)}/base-model-${Math.floor(BASES * (take(1000) / 1000) ** 2)}` : null;
  const modality = task?.slice(task.lastIndexOf('-') + 1) as 'text' | 'image' | 'audio' | 'video' | undefined;
  return {
    license,
    languages: [...new Set(languages)],
    baseModels: base === null ? [] : [{ relation: RELATIONS[take(4)]!, modelId: base }],
    inputModalities: modality ? (modality === 'text' ? ['text' as const] : [modality, 'text' as const]) : [],
    outputModalities: modality ? ['text' as const] : [],
    region: null,
  };
}

function fnv(key: string): number {
  let hash = 0x811c9dc5;
  for (let c = 0; c < key.length; c++) hash = Math.imul(hash ^ key.charCodeAt(c), 16_777_619);
  return hash >>> 0;
}

/** The same text as one flat string (ids here are letters, digits, `/` and `-`, so JSON needs no escape). */
function flat(text: string): string {
  return JSON.parse(`"${text}"`) as string;
}

function tagsFor(random: () => number, pipelineTag: string | null): string[] {
  const tags = new Set<string>();
  if (pipelineTag) tags.add(pipelineTag);
  for (const tag of COMMON_TAGS) if (random() < 0.5) tags.add(tag);
  const rare = 2 + Math.floor(random() * 6);
  for (let i = 0; i < rare; i++) tags.add(`tag-${Math.floor(RARE_TAGS * random() ** 2)}`);
  return [...tags];
}

function providersFor(random: () => number, id: string, task: string | null): ProviderMapping[] {
  const mappings: ProviderMapping[] = [{ provider: 'hf-inference', providerId: id, status: 'live', task }];
  const others = Math.floor(random() * 3);
  for (let i = 0; i < others; i++) {
    const provider = PROVIDERS[Math.floor(PROVIDERS.length * random())]!;
    if (mappings.some((mapping) => mapping.provider === provider)) continue;
    const status = random() < 0.8 ? 'live' : 'staging';
    const mapping: ProviderMapping = { provider, providerId: `${provider}/${id.toLowerCase()}`, status, task };
    mapping.details = routerFigures(`${id} ${provider}`);
    mappings.push(mapping);
  }
  return mappings;
}

/**
 * The figures the router gives a mapping, derived from its key (FNV-1a) rather than drawn, so the random stream, and
 * with it every other column, is what it was before mappings had figures.
 */
function routerFigures(key: string): MappingDetails {
  const bits = fnv(key);
  return {
    source: 'router',
    contextLength: [8192, 32_768, 131_072, 262_144][bits & 3]!,
    inputPerMillion: ((bits >>> 2) % 300) / 100,
    outputPerMillion: ((bits >>> 2) % 300) / 50,
    supportsTools: (bits & 16) !== 0,
    supportsStructuredOutput: (bits & 32) !== 0,
    firstTokenLatencyMs: 100 + ((bits >>> 6) % 1000),
    throughput: 20 + ((bits >>> 16) % 400),
  };
}

/**
 * A snapshot of `count` synthetic models with a report that says where they came from: generated in this process,
 * never fetched, so no completeness is claimed.
 */
export function syntheticSnapshot(count: number, seed = 1): CatalogSnapshot {
  const models = ModelTable.from(syntheticModels(count, seed));
  const now = new Date().toISOString();
  const id = `synthetic-${count}-${seed}-${Date.now()}`;
  const report: FetchReport = {
    id,
    strategy: 'multi-sort',
    provider: 'hf-inference',
    upstream: 'synthetic rows (bench/support/synthetic-catalog.ts), not fetched',
    pageSize: 1000,
    startedAt: now,
    finishedAt: now,
    durationMs: 0,
    requestCount: 0,
    rateLimit: { pauses: 0, waitedMs: 0 },
    uniqueModels: models.size,
    upstreamCap: null,
    complete: false,
    statedOrder: 'generated',
    sorts: [],
    overlaps: [],
    errors: [],
    parts: [],
    completeness: {
      proven: false,
      method: 'none',
      explanation: 'generated in process for a benchmark',
      premises: [],
      coveringParts: 0,
      uncoveredRisk: [],
    },
    estimates: null,
    cappedView: null,
    coverage: { ratio: null, total: null, basis: 'generated' },
    providers: [],
    router: null,
  };
  return { id, fetchedAt: now, models, report };
}
