import { describe, expect, it } from 'vitest';
import { countModels, pageModels, passesQualityBar, type ModelFilter, type QualityBar } from '../../src/query/index.ts';
import { FIXTURE, FIXTURE_BAR, FIXTURE_VIEW } from './fixture.ts';
import { queryInputErrorOf, sortedIds } from './helpers.ts';

const view = FIXTURE_VIEW;
const bar = FIXTURE_BAR;
const ALL_IDS = FIXTURE.map((model) => model.id);

function matchingIds(filter: ModelFilter | null, qualityBar: QualityBar = bar): string[] {
  const page = pageModels(view, { filter, first: 500 }, qualityBar);
  expect(page.totalCount).toBe(page.nodes.length);
  expect(countModels(view, filter, qualityBar)).toBe(page.nodes.length);
  return sortedIds(page.nodes.map((model) => model.id));
}

const QUALITY_AT_1000_400 = [
  'meta-llama/Llama-3.1-8B-Instruct',
  'meta-llama/Llama-3.3-70B-Instruct',
  'Qwen/Qwen2.5-Coder-32B-Instruct',
  'black-forest-labs/FLUX.1-dev',
  'stabilityai/stable-diffusion-xl-base-1.0',
  'openai/whisper-large-v3',
  'deepseek-ai/DeepSeek-R1',
  'Qwen/QwQ-32B',
  'microsoft/phi-4',
];

describe('model filter conditions', () => {
  it('matches every model when no filter, a null filter or only null conditions are given', () => {
    expect(matchingIds(null)).toEqual(sortedIds(ALL_IDS));
    expect(matchingIds({})).toEqual(sortedIds(ALL_IDS));
    expect(
      matchingIds({
        minDownloads: null,
        minLikes: null,
        pipelineTags: null,
        authors: null,
        libraries: null,
        tags: null,
        search: null,
        gated: null,
        quality: null,
      }),
    ).toEqual(sortedIds(ALL_IDS));
  });

  it('treats empty lists and an empty search as no condition', () => {
    expect(matchingIds({ pipelineTags: [], authors: [], libraries: [], tags: [], search: '' })).toEqual(
      sortedIds(ALL_IDS),
    );
  });

  it('minDownloads keeps models with at least that many downloads, the value itself included', () => {
    expect(matchingIds({ minDownloads: 2500 })).toEqual(
      sortedIds([
        'meta-llama/Llama-3.1-8B-Instruct',
        'meta-llama/Llama-3.3-70B-Instruct',
        'Qwen/Qwen2.5-7B-Instruct',
        'mistralai/Mistral-7B-Instruct-v0.3',
        'black-forest-labs/FLUX.1-dev',
        'stabilityai/stable-diffusion-xl-base-1.0',
        'sentence-transformers/all-MiniLM-L6-v2',
        'deepseek-ai/DeepSeek-R1',
        'private-org/internal-llm',
        'Qwen/QwQ-32B',
      ]),
    );
    expect(matchingIds({ minDownloads: 0 })).toEqual(sortedIds(ALL_IDS));
  });

  it('minLikes keeps models with at least that many likes, the value itself included', () => {
    expect(matchingIds({ minLikes: 1500 })).toEqual(
      sortedIds([
        'black-forest-labs/FLUX.1-dev',
        'black-forest-labs/FLUX.1-schnell',
        'deepseek-ai/DeepSeek-R1',
        'private-org/internal-llm',
        'Qwen/QwQ-32B',
        'microsoft/phi-4',
      ]),
    );
  });

  it('pipelineTags keeps models whose pipeline tag is any of the list, compared exactly', () => {
    expect(matchingIds({ pipelineTags: ['text-to-image', 'automatic-speech-recognition'] })).toEqual(
      sortedIds([
        'black-forest-labs/FLUX.1-dev',
        'black-forest-labs/FLUX.1-schnell',
        'stabilityai/stable-diffusion-xl-base-1.0',
        'openai/whisper-large-v3',
        'nvidia/parakeet-ctc-1.1b',
      ]),
    );
    expect(matchingIds({ pipelineTags: ['Text-To-Image'] })).toEqual([]);
  });

  it('libraries keeps models whose library is any of the list, compared exactly', () => {
    expect(matchingIds({ libraries: ['diffusers', 'nemo'] })).toEqual(
      sortedIds([
        'black-forest-labs/FLUX.1-dev',
        'black-forest-labs/FLUX.1-schnell',
        'stabilityai/stable-diffusion-xl-base-1.0',
        'nvidia/parakeet-ctc-1.1b',
      ]),
    );
    expect(matchingIds({ libraries: ['Diffusers'] })).toEqual([]);
  });

  it('authors keeps models by any of the listed authors, ignoring case, and never an author-less model', () => {
    expect(matchingIds({ authors: ['qwen', 'BLACK-FOREST-LABS'] })).toEqual(
      sortedIds([
        'Qwen/Qwen2.5-7B-Instruct',
        'Qwen/Qwen2.5-Coder-32B-Instruct',
        'Qwen/QwQ-32B',
        'black-forest-labs/FLUX.1-dev',
        'black-forest-labs/FLUX.1-schnell',
      ]),
    );
    expect(matchingIds({ authors: ['no-author-model', 'Qwe'] })).toEqual([]);
  });

  it('tags keeps only models carrying every listed tag', () => {
    expect(matchingIds({ tags: ['conversational', 'qwen2'] })).toEqual(
      sortedIds(['Qwen/Qwen2.5-7B-Instruct', 'Qwen/QwQ-32B']),
    );
    expect(matchingIds({ tags: ['audio'] })).toEqual(
      sortedIds(['openai/whisper-large-v3', 'nvidia/parakeet-ctc-1.1b']),
    );
    expect(matchingIds({ tags: ['audio', 'flux'] })).toEqual([]);
  });

  it('search is a case-insensitive substring of the whole id, author included', () => {
    expect(matchingIds({ search: 'INSTRUCT' })).toEqual(
      sortedIds([
        'meta-llama/Llama-3.1-8B-Instruct',
        'meta-llama/Llama-3.3-70B-Instruct',
        'Qwen/Qwen2.5-7B-Instruct',
        'Qwen/Qwen2.5-Coder-32B-Instruct',
        'mistralai/Mistral-7B-Instruct-v0.3',
      ]),
    );
    expect(matchingIds({ search: 'meta-' })).toEqual(
      sortedIds(['meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.3-70B-Instruct']),
    );
    expect(matchingIds({ search: 'flux.1' })).toEqual(
      sortedIds(['black-forest-labs/FLUX.1-dev', 'black-forest-labs/FLUX.1-schnell']),
    );
  });

  it('gated: true keeps both auto and manual gating, false keeps ungated models', () => {
    const gated = [
      'meta-llama/Llama-3.1-8B-Instruct',
      'meta-llama/Llama-3.3-70B-Instruct',
      'mistralai/Mistral-7B-Instruct-v0.3',
      'black-forest-labs/FLUX.1-dev',
      'google/gemma-2-9b-it',
      'nvidia/parakeet-ctc-1.1b',
    ];
    expect(matchingIds({ gated: true })).toEqual(sortedIds(gated));
    expect(matchingIds({ gated: false })).toEqual(sortedIds(ALL_IDS.filter((id) => !gated.includes(id))));
  });
});

describe('quality bar', () => {
  it('passes strictly above both minimums and never a private model', () => {
    const byId = new Map(FIXTURE.map((model) => [model.id, model]));
    expect(passesQualityBar(byId.get('meta-llama/Llama-3.1-8B-Instruct')!, bar)).toBe(true);
    // 1000 downloads against a minimum of 1000 is not above it, whatever the likes.
    expect(passesQualityBar(byId.get('boundary/exact-bar')!, { minDownloads: 1000, minLikes: 999 })).toBe(false);
    expect(passesQualityBar(byId.get('boundary/exact-bar')!, { minDownloads: 999, minLikes: 999 })).toBe(true);
    // 400 likes against a minimum of 400.
    expect(passesQualityBar(byId.get('Qwen/Qwen2.5-7B-Instruct')!, bar)).toBe(false);
    expect(passesQualityBar(byId.get('private-org/internal-llm')!, { minDownloads: 0, minLikes: 0 })).toBe(false);
  });

  it('quality: true keeps the models that pass the given bar, quality: false the rest', () => {
    expect(matchingIds({ quality: true })).toEqual(sortedIds(QUALITY_AT_1000_400));
    expect(matchingIds({ quality: false })).toEqual(
      sortedIds(ALL_IDS.filter((id) => !QUALITY_AT_1000_400.includes(id))),
    );
  });

  it('counts the same quality filter afresh under another bar', () => {
    expect(countModels(view, { quality: true }, bar)).toBe(9);
    // Everything with a download and a like that is public: all but the zero model and the private one.
    expect(matchingIds({ quality: true }, { minDownloads: 0, minLikes: 0 })).toEqual(
      sortedIds(ALL_IDS.filter((id) => id !== 'someone/tiny-test-model' && id !== 'private-org/internal-llm')),
    );
    expect(countModels(view, { quality: true }, bar)).toBe(9);
  });
});

describe('combined conditions', () => {
  it('requires every given condition at once', () => {
    const filter: ModelFilter = {
      pipelineTags: ['text-generation'],
      minLikes: 900,
      gated: false,
      tags: ['conversational'],
    };
    expect(matchingIds(filter)).toEqual(sortedIds(['deepseek-ai/DeepSeek-R1', 'Qwen/QwQ-32B', 'microsoft/phi-4']));
    expect(matchingIds({ ...filter, quality: true })).toEqual(
      sortedIds(['deepseek-ai/DeepSeek-R1', 'Qwen/QwQ-32B', 'microsoft/phi-4']),
    );
    expect(matchingIds({ ...filter, quality: false })).toEqual([]);
    expect(matchingIds({ ...filter, authors: ['MICROSOFT', 'qwen'], search: 'qwq' })).toEqual(['Qwen/QwQ-32B']);
  });
});

describe('invalid filters', () => {
  it('refuses a negative minDownloads, naming the argument', () => {
    const error = queryInputErrorOf(() => pageModels(view, { filter: { minDownloads: -1 } }, bar));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.argument).toBe('filter.minDownloads');
    expect(error.message).toBe('filter.minDownloads must be a non-negative number, got -1');
  });

  it('refuses a negative minLikes, in countModels too', () => {
    const error = queryInputErrorOf(() => countModels(view, { minLikes: -5 }, bar));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.argument).toBe('filter.minLikes');
  });
});
