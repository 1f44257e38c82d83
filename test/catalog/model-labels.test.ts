import { PIPELINE_TYPES } from '@huggingface/tasks';
import { describe, expect, it } from 'vitest';
import { ModelTable, normalizeHubItem, type Model } from '../../src/catalog/index.ts';
import { modalitiesOf, TASK_MODALITIES } from '../../src/catalog/modalities.ts';
import type { EmulatedModel } from '../../src/emulator/index.ts';
import { hubModelItemSchema } from '../../src/hub/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom } from '../support/fetch.ts';

const HUB = 'https://huggingface.co';
/** A listing item as the Hub sends it, validated as the client validates it, then normalized. */
const normalize = (item: Record<string, unknown>): Model =>
  normalizeHubItem(hubModelItemSchema.parse({ id: 'org/model', ...item }), HUB);

describe('what the tags say', () => {
  const model = normalize({
    tags: [
      'transformers',
      'safetensors',
      'text-generation',
      'en',
      'fr',
      'vit',
      'multilingual',
      'dataset:squad',
      'base_model:meta-llama/Llama-3.1-8B',
      'base_model:finetune:meta-llama/Llama-3.1-8B',
      'base_model:Qwen/Qwen3-8B',
      'license:apache-2.0',
      'region:eu',
    ],
    pipeline_tag: 'text-generation',
  });

  it('reads the license, the region and the base models with their relation', () => {
    expect(model.license).toBe('apache-2.0');
    expect(model.region).toBe('eu');
    expect(model.baseModels).toEqual([
      { relation: 'finetune', modelId: 'meta-llama/Llama-3.1-8B' },
      { relation: null, modelId: 'Qwen/Qwen3-8B' },
    ]);
  });

  it('takes two-letter ISO 639-1 codes and multilingual as languages, never a three-letter tag like vit', () => {
    expect(model.languages).toEqual(['en', 'fr', 'multilingual']);
  });

  it('derives the modalities from the pipeline tag', () => {
    expect(model.inputModalities).toEqual(['text']);
    expect(model.outputModalities).toEqual(['text']);
  });

  it('leaves what the Hub omits null or empty', () => {
    const bare = normalize({ tags: ['transformers'] });
    expect(bare).toMatchObject({
      license: null,
      region: null,
      languages: [],
      baseModels: [],
      inputModalities: [],
      outputModalities: [],
      parameterCount: null,
    });
    expect(normalize({ pipeline_tag: 'a-task-the-hub-adds-later' }).inputModalities).toEqual([]);
  });
});

describe('what the card adds when cardData is expanded', () => {
  it('adds the languages and base models the tags leave out, and a license where the tags name none', () => {
    const model = normalize({
      tags: ['en', 'base_model:org/base'],
      cardData: {
        license: ['mit', 'apache-2.0'],
        language: ['en', 'ace', 'Yue', 'not-a-language'],
        base_model: ['org/base', 'org/other'],
        base_model_relation: 'merge',
      },
    });
    expect(model.license).toBe('mit');
    expect(model.languages).toEqual(['en', 'ace', 'yue']);
    expect(model.baseModels).toEqual([
      { relation: 'merge', modelId: 'org/base' },
      { relation: 'merge', modelId: 'org/other' },
    ]);
  });

  it('keeps the tag license over the card, and ignores card fields of another shape', () => {
    const model = normalize({
      tags: ['license:other'],
      cardData: { license: 'llama3.1', language: 5, base_model: { id: 'x' }, base_model_relation: 'sibling' },
    });
    expect(model).toMatchObject({ license: 'other', languages: [], baseModels: [] });
    expect(normalize({ cardData: 'a card that is not an object' }).license).toBeNull();
  });
});

describe('parameters', () => {
  it('are safetensors.total, else gguf.total, else null', () => {
    expect(
      normalize({ safetensors: { parameters: { BF16: 8e9 }, total: 8e9 }, gguf: { total: 7e9 } }).parameterCount,
    ).toBe(8e9);
    expect(normalize({ gguf: { total: 7e9, architecture: 'llama' } }).parameterCount).toBe(7e9);
    expect(normalize({ gguf: { total: 'many' } }).parameterCount).toBeNull();
  });
});

describe('the modality table', () => {
  it("has exactly one row per task of the Hub's task list", () => {
    expect(Object.keys(TASK_MODALITIES).sort()).toEqual([...PIPELINE_TYPES].sort());
  });

  it('names text and image in, text out for image-text-to-text, and a vector out for feature-extraction', () => {
    expect(modalitiesOf('image-text-to-text')).toEqual({ inputs: ['text', 'image'], outputs: ['text'] });
    expect(modalitiesOf('feature-extraction')).toEqual({ inputs: ['text'], outputs: ['embedding'] });
    expect(modalitiesOf('constructor')).toEqual({ inputs: [], outputs: [] });
  });
});

describe('the model table keeps every new field', () => {
  it('gives back what it was given, model by model', () => {
    const models = [
      normalize({
        id: 'b/derived',
        tags: ['de', 'license:mit', 'region:us', 'base_model:quantized:a/base', 'base_model:adapter:c/other'],
        pipeline_tag: 'image-text-to-text',
        cardData: { language: ['de', 'gsw'] },
        gguf: { total: 3e9 },
      }),
      normalize({ id: 'a/base', tags: ['en'], pipeline_tag: 'text-to-3d' }),
    ];
    const table = ModelTable.from(models);
    expect(table.find('b/derived')).toEqual(models[0]);
    expect(table.find('a/base')).toEqual(models[1]);
  });
});

describe('inferenceProviderMapping given as an array or as an object keyed by provider', () => {
  const array = useEmulator({ preset: 'providers-2025-11' });
  const object = useEmulator({ preset: 'providers-2025-11', providerMappingShape: 'object' });

  it('gives every model the same providers either way', async () => {
    const plan = { provider: 'all', providers: 'all', strategy: 'auto', sorts: ['createdAt'] } as const;
    const [fromArray, fromObject] = await Promise.all([fetchFrom(array.url, plan), fetchFrom(object.url, plan)]);
    expect(object.requests.some((request) => request.path === '/api/models')).toBe(true);
    expect(fromObject.models.size).toBe(fromArray.models.size);
    const expected = (model: EmulatedModel) => model.inferenceProviderMapping.map((m) => [m.provider, m.status]);
    const byId = new Map(array.models.map((model) => [model.id, model]));
    for (const model of fromArray.models) {
      expect(fromObject.models.find(model.id)!.providers, model.id).toEqual(model.providers);
      expect(model.providers.map((m) => [m.provider, m.status])).toEqual(expected(byId.get(model.id)!));
    }
  });
});
