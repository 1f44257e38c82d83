import { describe, expect, it } from 'vitest';
import { ModelTable, type Model } from '../../src/catalog/index.ts';
import { pageModels, type CatalogView, type ModelPage } from '../../src/query/index.ts';
import { generatedCatalog } from './generated-catalog.ts';

const BAR = { minDownloads: 0, minLikes: 0 };

/** The generated catalog, with the fields it leaves empty filled on every third model. */
const MODELS: Model[] = generatedCatalog(300, 7).map((model, i) =>
  i % 3 === 0
    ? {
        ...model,
        license: 'apache-2.0',
        languages: ['en', 'fr'],
        baseModels: [{ relation: 'finetune', modelId: 'base/model' }],
        inputModalities: ['text', 'image'],
        outputModalities: ['text'],
        region: 'eu',
      }
    : model,
);
const table = ModelTable.from(MODELS);
const view: CatalogView = { snapshotId: 'snapshot-fields', models: table };

describe("a page's models", () => {
  const pages: ModelPage[] = [];
  for (let after: string | null = null; pages.length === 0 || after !== null;) {
    const page = pageModels(view, { first: 100, after }, BAR);
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  }

  it('read, field by field, as the snapshot holds them', () => {
    const nodes = pages.flatMap((page) => page.nodes);
    expect(nodes).toHaveLength(300);
    for (const node of nodes) {
      const stored = table.find(node.id)!;
      for (const field of Object.keys(stored) as (keyof Model)[]) expect(node[field], field).toEqual(stored[field]);
      expect(JSON.parse(JSON.stringify(node))).toEqual(stored);
    }
  });

  it('are shared read-only: neither a field nor a list of one can be changed through a page', () => {
    const node = pages[0]!.nodes.find((model) => model.tags.length > 0 && model.providers.length > 0)!;
    expect(() => Object.assign(node, { likes: 1e9 })).toThrow(TypeError);
    expect(() => node.tags.push('changed')).toThrow(TypeError);
    expect(() => node.providers.pop()).toThrow(TypeError);
    expect(() => Object.assign(node.providers[0]!, { status: 'changed' })).toThrow(TypeError);
    const again = pageModels(view, { first: 100 }, BAR).nodes.find((model) => model.id === node.id)!;
    expect(again.likes).toBe(table.find(node.id)!.likes);
    expect(again.tags).toEqual(table.find(node.id)!.tags);
  });
});
