import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDataset, PRESETS, type EmulatedModel } from '../../src/emulator/index.ts';
import { isServed } from './helpers.ts';

const sha256 = (models: readonly EmulatedModel[]): string =>
  createHash('sha256').update(JSON.stringify(models)).digest('hex');

function topIds(models: readonly EmulatedModel[], key: 'likes' | 'downloads', n: number): Set<string> {
  return new Set(
    [...models]
      .sort((a, b) => b[key] - a[key] || (a._id < b._id ? -1 : 1))
      .slice(0, n)
      .map((m) => m.id),
  );
}

function hasNull(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.some(hasNull);
  if (typeof value === 'object') return Object.values(value).some(hasNull);
  return false;
}

describe('dataset generation', () => {
  it('is deterministic: the same preset and seed give the same bytes', () => {
    expect(sha256(generateDataset('gateway-2025-10'))).toBe(sha256(generateDataset('gateway-2025-10')));
    expect(sha256(generateDataset('tiny', 3))).toBe(sha256(generateDataset('tiny', 3)));
  });

  it('keeps the gateway-2025-10 population byte for byte, as other suites and the README quote its figures', () => {
    // Pinned on purpose: a change to generation (storage, speed-ups) must not move a single byte of this preset.
    expect(sha256(generateDataset('gateway-2025-10'))).toBe(
      '6441b766c05d12fbccb7ad00a683d6fefc9e202ccb1fb7c80d3ba6b445fd0865',
    );
  });

  it('kept ids, counts, dates and mappings when base models, regions, cards and GGUF weights were added', () => {
    // The hash of these fields before the lineage stream existed: lineage draws must never touch the main stream.
    const routing = generateDataset('gateway-2025-10').map((m) => [
      m._id,
      m.id,
      m.sha,
      m.likes,
      m.downloads,
      m.downloadsAllTime,
      m.trendingScore,
      m.createdAt,
      m.lastModified,
      m.gated,
      m.pipeline_tag,
      m.library_name,
      m.inferenceProviderMapping,
    ]);
    expect(createHash('sha256').update(JSON.stringify(routing)).digest('hex')).toBe(
      '2ac70382549c38f66f3f6bc8d3fb153a95479df129529ac4585bb0ccad7a1f0f',
    );
  });

  it('changes with the seed', () => {
    expect(sha256(generateDataset('tiny', 1))).not.toBe(sha256(generateDataset('tiny', 2)));
  });

  it('rejects an unknown preset', () => {
    expect(() => generateDataset('nope')).toThrow(/Unknown emulator preset/);
  });

  it.each(Object.keys(PRESETS).filter((name) => !name.startsWith('scale-')))(
    'matches the counts PRESETS announces for %s',
    (name) => {
      const info = PRESETS[name]!;
      const models = generateDataset(name);
      expect(models).toHaveLength(info.population);
      expect(models.filter((m) => isServed(m))).toHaveLength(info.served);
      expect(models.filter((m) => isServed(m, 'hf-inference', ['staging']))).toHaveLength(info.hfInference.staging);
      expect(models.filter((m) => isServed(m, 'hf-inference', ['error']))).toHaveLength(info.hfInference.error);
    },
  );
});

describe('preset gateway-2025-10', () => {
  const models = generateDataset('gateway-2025-10');
  const served = models.filter((m) => isServed(m));

  it('has 1,377 models live on hf-inference among a larger population', () => {
    expect(served).toHaveLength(1377);
    expect(models.length).toBeGreaterThan(3000);
    expect(models.some((m) => isServed(m, 'hf-inference', ['staging']))).toBe(true);
    expect(models.some((m) => isServed(m, 'hf-inference', ['error']) && !isServed(m, 'hf-inference', ['live']))).toBe(
      true,
    );
    expect(
      models.some(
        (m) =>
          m.inferenceProviderMapping.length > 0 &&
          !m.inferenceProviderMapping.some((p) => p.provider === 'hf-inference'),
      ),
    ).toBe(true);
    expect(models.some((m) => m.inferenceProviderMapping.length === 0)).toBe(true);
  });

  it('reproduces the 1,000 / 204 / 796 split of likes and downloads', () => {
    const byLikes = topIds(served, 'likes', 1000);
    const byDownloads = topIds(served, 'downloads', 1000);
    const shared = [...byLikes].filter((id) => byDownloads.has(id));
    expect(shared).toHaveLength(796);
    expect(new Set([...byLikes, ...byDownloads]).size).toBe(1204);
  });

  it('has distinct likes and downloads among served models, so top-1,000 cuts are unambiguous', () => {
    expect(new Set(served.map((m) => m.likes)).size).toBe(1377);
    expect(new Set(served.map((m) => m.downloads)).size).toBe(1377);
  });

  it('has more than 1,000 non-gated served models, with diverse first letters of the name', () => {
    const open = served.filter((m) => m.gated === false);
    expect(open.length).toBeGreaterThan(1000);
    expect(served.length - open.length).toBeGreaterThan(0);
    const byFirst = new Map<string, number>();
    for (const m of open) {
      const first = m.id.split('/')[1]!.charAt(0).toLowerCase();
      byFirst.set(first, (byFirst.get(first) ?? 0) + 1);
    }
    expect(Math.max(...byFirst.values())).toBeLessThan(1000);
  });

  it('has unique, well-formed ids and ObjectIds', () => {
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    expect(new Set(models.map((m) => m._id)).size).toBe(models.length);
    for (const m of models) {
      expect(m.id).toMatch(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/);
      expect(m._id).toMatch(/^[0-9a-f]{24}$/);
      expect(m.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(m.author).toBe(m.id.split('/')[0]);
    }
  });

  it('has Hub-shaped, consistent records', () => {
    for (const m of models) {
      expect(hasNull(m)).toBe(false);
      expect(m.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      expect(m.lastModified >= m.createdAt).toBe(true);
      expect(m.downloadsAllTime).toBeGreaterThanOrEqual(m.downloads);
      expect(m.private).toBe(false);
      expect([false, 'auto', 'manual']).toContain(m.gated);
      if (m.pipeline_tag) expect(m.tags).toContain(m.pipeline_tag);
      if (m.library_name) expect(m.tags).toContain(m.library_name);
      expect(m.tags.filter((t) => t === 'region:us' || t === 'region:eu')).toHaveLength(1);
      expect(m.tags.some((t) => t.startsWith('license:'))).toBe(true);
      if (m.safetensors)
        expect(Object.values(m.safetensors.parameters).reduce((a, b) => a + b, 0)).toBe(m.safetensors.total);
      // GGUF repos list their parameters under gguf, never safetensors.
      if (m.gguf) expect(m.safetensors).toBeUndefined();
      for (const mapping of m.inferenceProviderMapping) {
        expect(mapping._id).toMatch(/^[0-9a-f]{24}$/);
        expect(['live', 'staging', 'error']).toContain(mapping.status);
        expect(mapping.type).toBe('single-model');
        if (mapping.provider === 'hf-inference') expect(mapping.providerId).toBe(m.id);
      }
      expect(new Set(m.inferenceProviderMapping.map((p) => p.provider)).size).toBe(m.inferenceProviderMapping.length);
    }
  });

  it('mixes tasks and libraries like hf-inference, with gated, warm and parameter-less models', () => {
    const tasks = new Map<string, number>();
    for (const m of served) tasks.set(m.pipeline_tag ?? '', (tasks.get(m.pipeline_tag ?? '') ?? 0) + 1);
    for (const task of [
      'feature-extraction',
      'sentence-similarity',
      'text-classification',
      'token-classification',
      'fill-mask',
      'translation',
      'automatic-speech-recognition',
      'image-classification',
      'text-to-image',
      'text-generation',
    ]) {
      expect(tasks.get(task) ?? 0).toBeGreaterThan(0);
    }
    expect(tasks.get('')).toBeGreaterThan(0);
    expect(Math.max(...tasks.values())).toBeLessThan(400);
    const libraries = new Set(served.map((m) => m.library_name));
    for (const library of ['transformers', 'sentence-transformers', 'diffusers', 'timm'])
      expect(libraries).toContain(library);
    const gated = served.filter((m) => m.gated !== false).length / served.length;
    expect(gated).toBeGreaterThan(0.04);
    expect(gated).toBeLessThan(0.11);
    expect(served.some((m) => m.inference === 'warm')).toBe(true);
    expect(served.some((m) => m.safetensors === undefined)).toBe(true);
    expect(models.some((m) => m.trendingScore !== undefined && !Number.isInteger(m.trendingScore))).toBe(true);
    expect(models.some((m) => m.inferenceProviderMapping.some((p) => p.previousStatus !== undefined))).toBe(true);
    expect(models.some((m) => m.inferenceProviderMapping.some((p) => p.providerDetails !== undefined))).toBe(true);
  });
});
