import type { BaseModel, Modality, Model, ProviderMapping } from '../../src/catalog/index.ts';
import type { ModelFilter, ModelOrder, ModelOrderField } from '../../src/query/index.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { unlabelled } from '../support/unlabelled.ts';

// Owners spelled two ways, so case-folded authors and their commonest spelling are exercised.
const OWNERS = ['Qwen', 'qwen', 'meta-llama', 'BAAI', 'baai', 'openai', 'stabilityai', 'sentence-transformers', 'x'];
const TASKS = ['text-generation', 'feature-extraction', 'text-to-image', 'translation', 'fill-mask', 'summarization'];
const LIBRARIES = ['transformers', 'diffusers', 'sentence-transformers', 'gguf', 'nemo'];
const TAGS = Array.from({ length: 30 }, (_, i) =>
  i < 4 ? ['en', 'region:us', 'conversational', 'audio'][i]! : `tag-${i}`,
);
const PROVIDERS = ['hf-inference', 'together', 'fal-ai', 'groq'];
const STATUSES = ['live', 'live', 'staging', 'error'];
const LICENSES = ['apache-2.0', 'mit', 'llama3.1', 'cc-by-nc-4.0', 'other', 'unknown', 'gemma'];
const LANGUAGES = ['en', 'fr', 'zh', 'de', 'multilingual', 'ja', 'sw'];
const BASES = ['meta-llama/Llama-3.1-8B', 'Qwen/Qwen2.5-7B', 'google/gemma-2-9b', 'mistralai/Mistral-7B-v0.1', 'x/y'];
const RELATIONS: BaseModel['relation'][] = ['finetune', 'quantized', 'adapter', 'merge', null];
const MODALITY_LIST: Modality[] = ['text', 'image', 'audio', 'video', 'tabular', '3d', 'embedding', 'scores'];
/** Parameter counts models are released at, so many models share one, some on a bucket's edge (1e9, 3e9, 1e11). */
const RELEASED_SIZES = [1e9, 3e9, 7e9, 8e9, 1e10, 7e10, 1e11, 4.05e11];

/**
 * `count` models with what real catalogs have and the engine must get right: ties on every order key, missing and
 * unparseable timestamps, an offset spelling of an instant, author-less ids, owners spelled two ways, a tag listed
 * twice, a provider mapped twice, gated in both modes, private models.
 */
export function generatedCatalog(count: number, seed: number): Model[] {
  const random = seededRandom(seed);
  // Labels come from a stream of their own, so every other column is what it was before models had labels.
  const labelRandom = seededRandom(seed ^ 0x5bd1e995);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const owner = random() < 0.05 ? null : pick(OWNERS);
    const id = owner === null ? `solo-${i}` : `${owner}/model-${i % 7}-${i}`;
    const tags = Array.from({ length: Math.floor(random() * 6) }, () => TAGS[Math.floor(TAGS.length * random() ** 2)]!);
    if (tags.length > 0 && random() < 0.02) tags.push(tags[0]!);
    return {
      id,
      author: owner,
      name: id.slice(id.indexOf('/') + 1),
      pipelineTag: random() < 0.1 ? null : pick(TASKS),
      libraryName: random() < 0.15 ? null : pick(LIBRARIES),
      tags,
      downloads: Math.floor(random() * 40) * 25,
      likes: Math.floor(random() * 30),
      trendingScore: random() < 0.3 ? null : Math.floor(random() * 10),
      createdAt: timestamp(random),
      lastModified: timestamp(random),
      gated: random() < 0.8 ? null : pick(['auto', 'manual'] as const),
      private: random() < 0.03,
      parameterCount: random() < 0.5 ? null : Math.floor(random() * 1e9),
      ...unlabelled(),
      providers: providers(random, id),
      ...labelsOf(labelRandom),
      hubId: random() < 0.9 ? Array.from({ length: 24 }, () => Math.floor(random() * 16).toString(16)).join('') : null,
      foundBy: random() < 0.5 ? ['likes'] : ['likes', 'downloads'],
      url: `https://huggingface.co/${id}`,
    };
  });
}

/**
 * A license (now and then none, `other` or `unknown`), up to three languages, a parameter count over six orders of
 * magnitude (ties at release sizes, some on a bucket's edge, 30% none), a base or two (one named twice, by two
 * relations), and any set of modalities.
 */
function labelsOf(random: () => number): Partial<Model> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const languages = [
    ...new Set(
      Array.from({ length: Math.floor(random() * 4) }, () => LANGUAGES[Math.floor(LANGUAGES.length * random() ** 2)]!),
    ),
  ];
  const roll = random();
  const parameterCount =
    roll < 0.3 ? null : roll < 0.6 ? pick(RELEASED_SIZES) : Math.floor(Math.exp(16 + random() * 11));
  const baseModels: BaseModel[] = Array.from({ length: random() < 0.6 ? 0 : 1 + Math.floor(random() * 2) }, () => ({
    relation: pick(RELATIONS),
    modelId: pick(BASES),
  }));
  if (baseModels.length === 1 && random() < 0.1) baseModels.push({ ...baseModels[0]!, relation: 'quantized' });
  const modalities = () => MODALITY_LIST.filter(() => random() < 0.3);
  return {
    license: random() < 0.15 ? null : LICENSES[Math.floor(LICENSES.length * random() ** 2)]!,
    languages,
    parameterCount,
    baseModels,
    inputModalities: modalities(),
    outputModalities: modalities(),
  };
}

function timestamp(random: () => number): string | null {
  const roll = random();
  if (roll < 0.08) return null;
  if (roll < 0.1) return 'not a date';
  const day = Math.floor(random() * 20);
  // The same instant spelled with an offset now and then: it must order as the instant, not as text.
  return roll < 0.2
    ? `2024-05-${String(day + 1).padStart(2, '0')}T02:00:00+02:00`
    : `2024-05-${String(day + 1).padStart(2, '0')}T00:00:00.000Z`;
}

function providers(random: () => number, id: string): ProviderMapping[] {
  const mappings: ProviderMapping[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const provider = PROVIDERS[Math.floor(random() * PROVIDERS.length)]!;
    mappings.push({
      provider,
      providerId: random() < 0.7 ? id : `${provider}/${id}`,
      status: STATUSES[Math.floor(random() * 4)]!,
      task: null,
    });
  }
  return mappings;
}

/** A filter of a few random conditions, now and then with a value no model has or an empty list. */
export function randomFilter(random: () => number): ModelFilter {
  const some = <T>(list: readonly T[], most: number) =>
    Array.from({ length: Math.floor(random() * (most + 1)) }, () => list[Math.floor(random() * list.length)]!);
  const filter: ModelFilter = {};
  const maybe = (share: number) => random() < share;
  if (maybe(0.25)) filter.minDownloads = Math.floor(random() * 1000);
  if (maybe(0.25)) filter.minLikes = Math.floor(random() * 30);
  if (maybe(0.3)) filter.pipelineTags = some([...TASKS, 'no-such-task'], 2);
  if (maybe(0.2)) filter.libraries = some(LIBRARIES, 2);
  if (maybe(0.2)) filter.authors = some([...OWNERS, 'QWEN', 'nobody'], 2);
  if (maybe(0.25)) filter.tags = some([...TAGS.slice(0, 8), 'no-such-tag'], 2);
  if (maybe(0.2)) filter.providers = some([...PROVIDERS, 'nobody'], 2);
  if (maybe(0.1)) filter.search = ['model-3', 'QWEN/', 'solo', '', 'x/'][Math.floor(random() * 5)]!;
  if (maybe(0.2)) filter.gated = random() < 0.5;
  if (maybe(0.2)) filter.quality = random() < 0.5;
  if (maybe(0.15)) filter.licenses = some([...LICENSES, 'no-such-license'], 2);
  if (maybe(0.15)) filter.languages = some([...LANGUAGES, 'xx'], 2);
  if (maybe(0.15)) filter.minParameters = pick(random, [0, 1e9, 3e9, 7e9, 5e8 + random() * 1e10]);
  if (maybe(0.15)) filter.maxParameters = (filter.minParameters ?? 0) + pick(random, [0, 1e9, 8e9, 1e11 * random()]);
  if (maybe(0.1)) filter.baseModel = pick(random, [...BASES, 'no/such-base']);
  if (maybe(0.12)) filter.inputModalities = some(MODALITY_LIST, 2);
  if (maybe(0.12)) filter.outputModalities = some(MODALITY_LIST, 2);
  return filter;
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const FIELDS: ModelOrderField[] = ['DOWNLOADS', 'LIKES', 'TRENDING_SCORE', 'CREATED_AT', 'LAST_MODIFIED', 'ID'];

export function randomOrder(random: () => number): ModelOrder {
  return { field: FIELDS[Math.floor(random() * FIELDS.length)]!, direction: random() < 0.5 ? 'ASC' : 'DESC' };
}

/**
 * A catalog the size of a real provider's (100,000 and up), shaped so that every path of the engine is taken: owners
 * and tags with long tails and a few very common ones, heavy-tailed counts with ties (many models share a count, and
 * counts spread over orders of magnitude), missing values, ids with common substrings (`/model-`, the big owners) and
 * rare ones, and a few ids with characters outside ASCII, one of which lower-cases to ASCII (the Kelvin sign to `k`).
 */
export function catalogAtScale(count: number, seed: number): Model[] {
  const random = seededRandom(seed);
  const owners = Array.from({ length: 400 }, (_, i) => (i < OWNERS.length ? OWNERS[i]! : `org${i.toString(36)}`));
  const tags = Array.from({ length: 300 }, (_, i) => (i < TAGS.length ? TAGS[i]! : `tag-${i}`));
  const heavy = (scale: number) => Math.floor(Math.exp(random() * scale)) - 1;
  return generatedCatalog(count, seed).map((model, i) => {
    const owner = model.author === null ? null : owners[Math.floor(owners.length * random() ** 3)]!;
    const odd = i % 9973 === 5 ? (i % 2 === 0 ? 'Ünïcode' : 'lin\u212a') : null;
    const name = `${odd ?? 'model'}-${(i % 37).toString(36)}-${i.toString(36)}`;
    const id = owner === null ? `solo-${name}` : `${owner}/${name}`;
    const downloads = heavy(14);
    return {
      ...model,
      id,
      author: owner,
      name,
      tags: Array.from({ length: Math.floor(random() * 8) }, () => tags[Math.floor(tags.length * random() ** 2)]!),
      downloads,
      likes: Math.floor(Math.sqrt(downloads) * random()),
      trendingScore: random() < 0.2 ? null : heavy(6),
      url: `https://huggingface.co/${id}`,
    };
  });
}

/** A filter of a few random conditions, its thresholds drawn over the whole range of `models`' counts. */
export function randomFilterAtScale(random: () => number, models: readonly Model[]): ModelFilter {
  const filter = randomFilter(random);
  const pick = () => models[Math.floor(random() * models.length)]!;
  if (filter.minDownloads != null) filter.minDownloads = pick().downloads + Math.floor(random() * 3);
  if (filter.minLikes != null) filter.minLikes = pick().likes;
  // A drawn model's own count, so a bound lands on a value rows have (ties on both sides of it).
  if (filter.minParameters != null) filter.minParameters = pick().parameterCount ?? filter.minParameters;
  if (filter.maxParameters != null) {
    filter.maxParameters = Math.max(filter.minParameters ?? 0, pick().parameterCount ?? filter.maxParameters);
  }
  if (filter.search != null || random() < 0.1) {
    const id = pick().id.toLowerCase();
    const length = 1 + Math.floor(random() * 8);
    const start = Math.floor(random() * Math.max(1, id.length - length));
    filter.search =
      random() < 0.2
        ? ['model-', '/', 'org', 'ünï', 'link', 'k', 'qwen/'][Math.floor(random() * 7)]!
        : id.slice(start, start + length);
  }
  return filter;
}
