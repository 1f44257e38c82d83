import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { generateDataset, type EmulatedModel } from '../../src/emulator/index.ts';
import { crawl, get, idsOf, listUrl, sorted, type Item } from './helpers.ts';

const models = generateDataset('providers-2025-11');
const share = (test: (m: EmulatedModel) => boolean) => models.filter(test).length / models.length;
const baseTags = (m: EmulatedModel) => m.tags.filter((tag) => tag.startsWith('base_model:'));

describe('invented lineage: base models, regions, cards and GGUF weights', () => {
  it('names a base model on most derived repos, most with the relation tag beside the bare one', () => {
    const withBase = models.filter((m) => baseTags(m).length > 0);
    expect(withBase.length / models.length).toBeGreaterThan(0.4);
    expect(withBase.length / models.length).toBeLessThan(0.8);
    for (const m of withBase) {
      const [bare, related] = baseTags(m);
      expect(bare).toMatch(/^base_model:[\w.-]+\/[\w.-]+$/);
      if (related !== undefined) {
        expect(related).toMatch(/^base_model:(finetune|quantized|adapter|merge):/);
        expect(related.endsWith(bare!.slice('base_model:'.length))).toBe(true);
      }
    }
    const bareOnly = withBase.filter((m) => baseTags(m).length === 1).length / withBase.length;
    expect(bareOnly).toBeGreaterThan(0.05);
    expect(bareOnly).toBeLessThan(0.15);
    const relations = new Set(withBase.flatMap((m) => baseTags(m).map((tag) => tag.split(':')[1])));
    for (const relation of ['finetune', 'quantized', 'adapter']) expect(relations).toContain(relation);
  });

  it('stores a few percent of repos in the EU, the rest in the US', () => {
    expect(share((m) => m.tags.includes('region:eu'))).toBeGreaterThan(0.02);
    expect(share((m) => m.tags.includes('region:eu'))).toBeLessThan(0.07);
  });

  it('writes card metadata for most repos, saying what the tags say', () => {
    expect(share((m) => m.cardData !== undefined)).toBeGreaterThan(0.8);
    expect(share((m) => m.cardData !== undefined)).toBeLessThan(0.9);
    for (const m of models) {
      if (m.cardData === undefined) continue;
      expect(`license:${m.cardData.license}`).toBe(m.tags.find((tag) => tag.startsWith('license:')));
      for (const language of [m.cardData.language ?? []].flat()) expect(m.tags).toContain(language);
      if (m.cardData.base_model !== undefined) expect(m.tags).toContain(`base_model:${m.cardData.base_model}`);
      if (m.cardData.base_model_relation !== undefined) {
        expect(m.tags).toContain(`base_model:${m.cardData.base_model_relation}:${m.cardData.base_model}`);
      }
    }
  });

  it('lists GGUF repos with gguf (parameters, architecture, context length) instead of safetensors', () => {
    const gguf = models.filter((m) => m.gguf !== undefined);
    expect(gguf.length).toBeGreaterThan(0);
    for (const m of gguf) {
      expect(m.library_name === 'gguf' || /gguf/i.test(m.id)).toBe(true);
      expect(m.safetensors).toBeUndefined();
      expect(m.gguf!.total).toBeGreaterThan(0);
      expect(m.gguf!.context_length).toBeGreaterThan(0);
    }
  });
});

describe('listing the lineage', () => {
  const emu = useEmulator({ preset: 'gateway-2025-10' });

  it('filters by region and base-model tags like any tag', async () => {
    const eu = await crawl(listUrl(emu, 'inference_provider=hf-inference&filter=region:eu'));
    const expected = emu.models.filter(
      (m) => m.tags.includes('region:eu') && m.inferenceProviderMapping.some((p) => p.status === 'live'),
    );
    const servedEu = expected.filter((m) =>
      m.inferenceProviderMapping.some((p) => p.provider === 'hf-inference' && p.status === 'live'),
    );
    expect(servedEu.length).toBeGreaterThan(0);
    expect(sorted(idsOf(eu.items))).toEqual(sorted(servedEu.map((m) => m.id)));

    const someBase = emu.models.flatMap(baseTags).find((tag) => tag.split(':').length === 3)!;
    const derived = await crawl(listUrl(emu, `filter=${encodeURIComponent(someBase)}`));
    expect(sorted(idsOf(derived.items))).toEqual(
      sorted(emu.models.filter((m) => m.tags.includes(someBase)).map((m) => m.id)),
    );
  });

  it('expands cardData and gguf only when asked', async () => {
    const plain = await get(listUrl(emu, 'limit=50&expand[]=tags'));
    expect(plain.items.every((item) => item.cardData === undefined && item.gguf === undefined)).toBe(true);
    const carded = await get(listUrl(emu, 'limit=200&expand[]=cardData'));
    expect(carded.items.filter((item) => item.cardData !== undefined).length).toBeGreaterThan(100);
  });
});

describe('inferenceProviderMapping as an object keyed by provider (older listings, the model endpoint)', () => {
  const array = useEmulator({ preset: 'tiny' });
  const object = useEmulator({ preset: 'tiny', providerMappingShape: 'object' });
  const query = 'inference_provider=all&expand[]=inferenceProviderMapping';

  it('holds the same mappings as the array shape, each keyed by its provider', async () => {
    const [asArray, asObject] = await Promise.all([crawl(listUrl(array, query)), crawl(listUrl(object, query))]);
    expect(idsOf(asObject.items)).toEqual(idsOf(asArray.items));
    asArray.items.forEach((item, i) => {
      const mappings = item.inferenceProviderMapping as Item[];
      const keyed = asObject.items[i]!.inferenceProviderMapping as Record<string, Item>;
      expect(Array.isArray(keyed)).toBe(false);
      expect(Object.keys(keyed)).toEqual(mappings.map((m) => m.provider));
      for (const { provider, ...entry } of mappings) expect(keyed[provider as string]).toEqual(entry);
    });
  });
});
