import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/catalog/model.ts';
import {
  DEFAULT_ORDER,
  pageModels,
  type ModelOrder,
  type ModelOrderField,
  type OrderDirection,
} from '../../src/query/index.ts';
import { DOWNLOADS_DESC, FIXTURE, FIXTURE_BAR, FIXTURE_VIEW } from './fixture.ts';

const view = FIXTURE_VIEW;
const bar = FIXTURE_BAR;
const FIELDS: ModelOrderField[] = ['DOWNLOADS', 'LIKES', 'TRENDING_SCORE', 'CREATED_AT', 'LAST_MODIFIED', 'ID'];
const DIRECTIONS: OrderDirection[] = ['ASC', 'DESC'];

function orderedIds(orderBy: ModelOrder | null): string[] {
  return pageModels(view, { orderBy, first: 500 }, bar).nodes.map((model) => model.id);
}

/** The field's value as a number or id, null when the model lacks it. */
function valueOf(model: Model, field: ModelOrderField): number | string | null {
  switch (field) {
    case 'DOWNLOADS':
      return model.downloads;
    case 'LIKES':
      return model.likes;
    case 'TRENDING_SCORE':
      return model.trendingScore;
    case 'CREATED_AT':
      return model.createdAt === null ? null : new Date(model.createdAt).getTime();
    case 'LAST_MODIFIED':
      return model.lastModified === null ? null : new Date(model.lastModified).getTime();
    case 'ID':
      return model.id;
  }
}

/**
 * Reference order: models with the value first, sorted by it, then models without it; ids ascending within equal
 * values.
 */
function referenceOrder(field: ModelOrderField, direction: OrderDirection): string[] {
  const byId = (a: Model, b: Model) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const present = FIXTURE.filter((model) => valueOf(model, field) !== null);
  const missing = FIXTURE.filter((model) => valueOf(model, field) === null).sort(byId);
  present.sort((a, b) => {
    const va = valueOf(a, field)!;
    const vb = valueOf(b, field)!;
    if (va === vb) return byId(a, b);
    const ascending = va < vb ? -1 : 1;
    return direction === 'ASC' ? ascending : -ascending;
  });
  return [...present, ...missing].map((model) => model.id);
}

describe('model order', () => {
  it('defaults to downloads descending, ties by id ascending (uppercase before lowercase)', () => {
    expect(DEFAULT_ORDER).toEqual({ field: 'DOWNLOADS', direction: 'DESC' });
    expect(orderedIds(null)).toEqual(DOWNLOADS_DESC);
  });

  it('breaks ties by id ascending in ascending order too, so ASC is not DESC reversed', () => {
    expect(orderedIds({ field: 'DOWNLOADS', direction: 'ASC' })).toEqual([
      'someone/tiny-test-model',
      'no-author-model',
      'nvidia/parakeet-ctc-1.1b',
      'BAAI/bge-m3',
      'black-forest-labs/FLUX.1-schnell',
      'google/gemma-2-9b-it',
      'boundary/exact-bar',
      'Qwen/Qwen2.5-Coder-32B-Instruct',
      'microsoft/phi-4',
      'openai/whisper-large-v3',
      'mistralai/Mistral-7B-Instruct-v0.3',
      'stabilityai/stable-diffusion-xl-base-1.0',
      'Qwen/QwQ-32B',
      'meta-llama/Llama-3.3-70B-Instruct',
      'black-forest-labs/FLUX.1-dev',
      'Qwen/Qwen2.5-7B-Instruct',
      'meta-llama/Llama-3.1-8B-Instruct',
      'deepseek-ai/DeepSeek-R1',
      'sentence-transformers/all-MiniLM-L6-v2',
      'private-org/internal-llm',
    ]);
  });

  const TRENDING_NULLS = [
    'Qwen/Qwen2.5-Coder-32B-Instruct',
    'nvidia/parakeet-ctc-1.1b',
    'private-org/internal-llm',
    'someone/tiny-test-model',
    'stabilityai/stable-diffusion-xl-base-1.0',
  ];

  it('puts models without a trending score last when ascending', () => {
    expect(orderedIds({ field: 'TRENDING_SCORE', direction: 'ASC' })).toEqual([
      'boundary/exact-bar',
      'no-author-model',
      'sentence-transformers/all-MiniLM-L6-v2',
      'BAAI/bge-m3',
      'mistralai/Mistral-7B-Instruct-v0.3',
      'google/gemma-2-9b-it',
      'openai/whisper-large-v3',
      'Qwen/Qwen2.5-7B-Instruct',
      'black-forest-labs/FLUX.1-schnell',
      'meta-llama/Llama-3.1-8B-Instruct',
      'microsoft/phi-4',
      'Qwen/QwQ-32B',
      'meta-llama/Llama-3.3-70B-Instruct',
      'black-forest-labs/FLUX.1-dev',
      'deepseek-ai/DeepSeek-R1',
      ...TRENDING_NULLS,
    ]);
  });

  it('puts models without a trending score last when descending as well', () => {
    expect(orderedIds({ field: 'TRENDING_SCORE', direction: 'DESC' })).toEqual([
      'deepseek-ai/DeepSeek-R1',
      'black-forest-labs/FLUX.1-dev',
      'Qwen/QwQ-32B',
      'meta-llama/Llama-3.3-70B-Instruct',
      'microsoft/phi-4',
      'meta-llama/Llama-3.1-8B-Instruct',
      'black-forest-labs/FLUX.1-schnell',
      'Qwen/Qwen2.5-7B-Instruct',
      'openai/whisper-large-v3',
      'google/gemma-2-9b-it',
      'mistralai/Mistral-7B-Instruct-v0.3',
      'BAAI/bge-m3',
      'sentence-transformers/all-MiniLM-L6-v2',
      'no-author-model',
      'boundary/exact-bar',
      ...TRENDING_NULLS,
    ]);
  });

  it('orders timestamps as instants, not strings, with missing ones last', () => {
    // nvidia's 02:00+02:00 is 00:00Z, an hour before boundary's 01:00Z, though it sorts after it as text.
    expect(orderedIds({ field: 'LAST_MODIFIED', direction: 'ASC' })).toEqual([
      'no-author-model',
      'someone/tiny-test-model',
      'stabilityai/stable-diffusion-xl-base-1.0',
      'nvidia/parakeet-ctc-1.1b',
      'boundary/exact-bar',
      'BAAI/bge-m3',
      'black-forest-labs/FLUX.1-dev',
      'black-forest-labs/FLUX.1-schnell',
      'mistralai/Mistral-7B-Instruct-v0.3',
      'google/gemma-2-9b-it',
      'Qwen/Qwen2.5-7B-Instruct',
      'meta-llama/Llama-3.1-8B-Instruct',
      'sentence-transformers/all-MiniLM-L6-v2',
      'Qwen/Qwen2.5-Coder-32B-Instruct',
      'meta-llama/Llama-3.3-70B-Instruct',
      'microsoft/phi-4',
      'Qwen/QwQ-32B',
      'deepseek-ai/DeepSeek-R1',
      'openai/whisper-large-v3',
      'private-org/internal-llm',
    ]);
  });

  for (const field of FIELDS) {
    for (const direction of DIRECTIONS) {
      describe(`${field} ${direction}`, () => {
        const ids = orderedIds({ field, direction });

        it('matches the reference order', () => {
          expect(ids).toEqual(referenceOrder(field, direction));
        });

        it('is total: equal values are in ascending id order and missing values come last', () => {
          const byId = new Map(FIXTURE.map((model) => [model.id, model]));
          const values = ids.map((id) => valueOf(byId.get(id)!, field));
          const firstMissing = values.indexOf(null);
          if (firstMissing !== -1) expect(values.slice(firstMissing).every((value) => value === null)).toBe(true);
          for (let i = 1; i < ids.length; i++) {
            if (values[i] === values[i - 1]) expect(ids[i - 1]! < ids[i]!).toBe(true);
          }
          expect(new Set(ids).size).toBe(FIXTURE.length);
        });
      });
    }
  }
});
