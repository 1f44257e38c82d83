import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import { findModelsById, type CatalogView } from '../../src/query/index.ts';
import { FIXTURE, FIXTURE_VIEW } from './fixture.ts';

const view = FIXTURE_VIEW;

describe('findModelsById', () => {
  it('returns the models in the order asked, with null for unknown ids', () => {
    const found = findModelsById(view, [
      'Qwen/QwQ-32B',
      'nobody/nothing',
      'no-author-model',
      'qwen/qwq-32b',
      'Qwen/QwQ-32B',
    ]);
    expect(found.map((model) => model?.id ?? null)).toEqual([
      'Qwen/QwQ-32B',
      null,
      'no-author-model',
      null,
      'Qwen/QwQ-32B',
    ]);
    expect(found[0]).toEqual(FIXTURE.find((model) => model.id === 'Qwen/QwQ-32B'));
  });

  it('returns an empty list for no ids', () => {
    expect(findModelsById(view, [])).toEqual([]);
  });

  it('looks ids up in the view it is given, not in an earlier snapshot', () => {
    expect(findModelsById(view, ['BAAI/bge-m3'])[0]?.id).toBe('BAAI/bge-m3');
    const smaller: CatalogView = {
      snapshotId: 'snap-2',
      models: ModelTable.from(FIXTURE.filter((model) => model.id !== 'BAAI/bge-m3')),
    };
    expect(findModelsById(smaller, ['BAAI/bge-m3'])).toEqual([null]);
  });
});
