import type { CatalogView } from '../../src/query/index.ts';
import { ModelTable, type Model } from '../../src/catalog/index.ts';
import { unlabelled } from '../support/unlabelled.ts';

type ModelFields = Pick<Model, 'id' | 'downloads' | 'likes'> & Partial<Model>;

function model(fields: ModelFields): Model {
  const slash = fields.id.indexOf('/');
  return {
    author: slash === -1 ? null : fields.id.slice(0, slash),
    name: fields.id.slice(slash + 1),
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    tags: ['transformers'],
    trendingScore: null,
    createdAt: null,
    lastModified: null,
    gated: null,
    private: false,
    parameterCount: null,
    ...unlabelled(),
    providers: [],
    hubId: null,
    foundBy: ['downloads'],
    url: `https://huggingface.co/${fields.id}`,
    ...fields,
  };
}

/**
 * Twenty hand-made models with deliberate ties (downloads 5000/3000/2500/1200, likes 2000/900/300,
 * trending 80, equal FLUX dates, two offsets whose string order
 * contradicts their instant order), missing values, both gated modes, one private model, one
 * author-less id, and one model sitting exactly on the quality bar used in the tests.
 */
export const FIXTURE: readonly Model[] = [
  model({
    id: 'meta-llama/Llama-3.1-8B-Instruct',
    downloads: 5000,
    likes: 900,
    trendingScore: 50,
    createdAt: '2024-07-18T08:56:00.000Z',
    lastModified: '2024-09-25T17:00:57.000Z',
    gated: 'manual',
    tags: ['transformers', 'llama', 'conversational'],
  }),
  model({
    id: 'meta-llama/Llama-3.3-70B-Instruct',
    downloads: 3000,
    likes: 1200,
    trendingScore: 80,
    createdAt: '2024-11-26T16:08:47.000Z',
    lastModified: '2024-12-21T18:28:01.000Z',
    gated: 'manual',
    tags: ['transformers', 'llama', 'conversational'],
  }),
  model({
    id: 'Qwen/Qwen2.5-7B-Instruct',
    downloads: 5000,
    likes: 400,
    trendingScore: 30,
    createdAt: '2024-09-16T11:55:40.000Z',
    lastModified: '2024-09-25T17:00:57.000Z',
    tags: ['transformers', 'qwen2', 'conversational'],
  }),
  model({
    id: 'Qwen/Qwen2.5-Coder-32B-Instruct',
    downloads: 1200,
    likes: 900,
    trendingScore: null,
    createdAt: '2024-11-06T07:44:00.000Z',
    lastModified: '2024-11-12T02:12:00.000Z',
    tags: ['transformers', 'qwen2', 'code'],
  }),
  model({
    id: 'mistralai/Mistral-7B-Instruct-v0.3',
    downloads: 2500,
    likes: 300,
    trendingScore: 12,
    createdAt: '2024-05-22T09:57:04.000Z',
    lastModified: '2024-08-21T12:18:25.000Z',
    gated: 'auto',
    tags: ['transformers', 'mistral', 'conversational'],
  }),
  model({
    id: 'black-forest-labs/FLUX.1-dev',
    downloads: 4000,
    likes: 2000,
    trendingScore: 95,
    createdAt: '2024-07-31T21:13:44.000Z',
    lastModified: '2024-08-16T14:38:19.000Z',
    gated: 'manual',
    pipelineTag: 'text-to-image',
    libraryName: 'diffusers',
    tags: ['diffusers', 'flux'],
  }),
  model({
    id: 'black-forest-labs/FLUX.1-schnell',
    downloads: 800,
    likes: 1500,
    trendingScore: 40,
    createdAt: '2024-07-31T21:13:44.000Z',
    lastModified: '2024-08-16T14:38:19.000Z',
    pipelineTag: 'text-to-image',
    libraryName: 'diffusers',
    tags: ['diffusers', 'flux'],
  }),
  model({
    id: 'stabilityai/stable-diffusion-xl-base-1.0',
    downloads: 2500,
    likes: 600,
    trendingScore: null,
    createdAt: '2023-07-25T17:14:09.000Z',
    lastModified: '2023-10-30T16:03:47.000Z',
    pipelineTag: 'text-to-image',
    libraryName: 'diffusers',
    tags: ['diffusers', 'sdxl'],
  }),
  model({
    id: 'openai/whisper-large-v3',
    downloads: 1500,
    likes: 450,
    trendingScore: 20,
    createdAt: '2023-11-07T18:04:07.000Z',
    lastModified: null,
    pipelineTag: 'automatic-speech-recognition',
    tags: ['transformers', 'audio'],
  }),
  model({
    id: 'sentence-transformers/all-MiniLM-L6-v2',
    downloads: 9000,
    likes: 300,
    trendingScore: 5,
    createdAt: null,
    lastModified: '2024-11-01T10:39:39.000Z',
    pipelineTag: 'sentence-similarity',
    libraryName: 'sentence-transformers',
    tags: ['sentence-transformers', 'feature-extraction'],
  }),
  model({
    id: 'BAAI/bge-m3',
    downloads: 700,
    likes: 150,
    trendingScore: 8,
    createdAt: '2024-01-27T06:27:55.000Z',
    lastModified: '2024-06-28T03:58:46.000Z',
    pipelineTag: 'feature-extraction',
    libraryName: 'sentence-transformers',
    tags: ['sentence-transformers'],
  }),
  model({
    id: 'google/gemma-2-9b-it',
    downloads: 900,
    likes: 500,
    trendingScore: 15,
    createdAt: '2024-06-24T08:05:41.000Z',
    lastModified: '2024-08-27T19:41:49.000Z',
    gated: 'manual',
    tags: ['transformers', 'gemma2', 'conversational'],
  }),
  model({
    id: 'deepseek-ai/DeepSeek-R1',
    downloads: 6000,
    likes: 8000,
    trendingScore: 120,
    createdAt: '2025-01-20T03:46:07.000Z',
    lastModified: '2025-03-27T04:01:59.000Z',
    tags: ['transformers', 'deepseek_v3', 'conversational'],
  }),
  model({ id: 'private-org/internal-llm', downloads: 10000, likes: 5000, private: true }),
  model({
    id: 'someone/tiny-test-model',
    downloads: 0,
    likes: 0,
    pipelineTag: null,
    libraryName: null,
    tags: [],
    createdAt: '2022-01-01T00:00:00.000Z',
    lastModified: '2022-01-01T00:00:00.000Z',
  }),
  model({
    id: 'no-author-model',
    downloads: 100,
    likes: 10,
    trendingScore: 1,
    createdAt: '2021-05-05T00:00:00.000Z',
    lastModified: '2021-05-05T00:00:00.000Z',
    pipelineTag: 'text-classification',
  }),
  model({
    id: 'Qwen/QwQ-32B',
    downloads: 3000,
    likes: 2000,
    trendingScore: 80,
    createdAt: '2025-03-05T14:16:59.000Z',
    lastModified: '2025-03-11T12:15:09.000Z',
    tags: ['transformers', 'qwen2', 'conversational'],
  }),
  model({
    id: 'microsoft/phi-4',
    downloads: 1200,
    likes: 1800,
    trendingScore: 60,
    createdAt: '2024-12-11T11:47:29.000Z',
    lastModified: '2025-01-06T12:00:00.000Z',
    tags: ['transformers', 'phi3', 'conversational'],
  }),
  model({
    id: 'nvidia/parakeet-ctc-1.1b',
    downloads: 300,
    likes: 50,
    trendingScore: null,
    createdAt: '2024-04-01T00:00:00.000Z',
    lastModified: '2024-04-10T02:00:00+02:00',
    gated: 'auto',
    pipelineTag: 'automatic-speech-recognition',
    libraryName: 'nemo',
    tags: ['nemo', 'audio'],
  }),
  model({
    id: 'boundary/exact-bar',
    downloads: 1000,
    likes: 1000,
    trendingScore: 0,
    createdAt: '2024-02-02T00:00:00.000Z',
    lastModified: '2024-04-10T01:00:00.000Z',
    libraryName: 'gguf',
    tags: ['gguf'],
  }),
];

/** Generated models for page-size limits, which the hand-made fixture is too small to reach. */
export function manyModels(count: number): Model[] {
  return Array.from({ length: count }, (_, i) =>
    model({ id: `bulk/model-${String(i).padStart(5, '0')}`, downloads: i, likes: 0 }),
  );
}

/**
 * The fixture's ids by downloads descending, ties by id: written out by hand, so the engine's sort is checked, not
 * reused.
 */
export const DOWNLOADS_DESC = [
  'private-org/internal-llm',
  'sentence-transformers/all-MiniLM-L6-v2',
  'deepseek-ai/DeepSeek-R1',
  'Qwen/Qwen2.5-7B-Instruct',
  'meta-llama/Llama-3.1-8B-Instruct',
  'black-forest-labs/FLUX.1-dev',
  'Qwen/QwQ-32B',
  'meta-llama/Llama-3.3-70B-Instruct',
  'mistralai/Mistral-7B-Instruct-v0.3',
  'stabilityai/stable-diffusion-xl-base-1.0',
  'openai/whisper-large-v3',
  'Qwen/Qwen2.5-Coder-32B-Instruct',
  'microsoft/phi-4',
  'boundary/exact-bar',
  'google/gemma-2-9b-it',
  'black-forest-labs/FLUX.1-schnell',
  'BAAI/bge-m3',
  'nvidia/parakeet-ctc-1.1b',
  'no-author-model',
  'someone/tiny-test-model',
];

/** The fixture as one snapshot, and the quality bar the specs use with it. */
export const FIXTURE_VIEW: CatalogView = { snapshotId: 'snap-1', models: ModelTable.from(FIXTURE) };
export const FIXTURE_BAR = { minDownloads: 1000, minLikes: 400 };
