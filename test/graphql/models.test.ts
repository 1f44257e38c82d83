import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import type { App } from '../../src/app/index.ts';
import {
  FilteredModelsDocument,
  QualityModelsDocument,
  type ModelFilter,
  type ModelOrder,
} from '../../schema/generated/graphql.ts';
import { appFor, execute, query } from '../support/graphql.ts';
import { expectedIds, type Raw } from './raw-expectations.ts';

describe('models: filters, orders and pages against an independent computation', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  let app: App;
  let served: Raw[];
  beforeAll(() => {
    app = appFor(emulator.url);
    const ids = new Set(emulator.servedIds('hf-inference'));
    served = emulator.models.filter((raw) => ids.has(raw.id));
  });
  afterAll(() => app.close());

  const somePipelineTag = () => served[0]!.pipeline_tag!;
  const cases: [string, () => ModelFilter, ModelOrder][] = [
    ['no filter, default order', () => ({}), { field: 'DOWNLOADS', direction: 'DESC' }],
    ['min downloads', () => ({ minDownloads: 5000 }), { field: 'LIKES', direction: 'DESC' }],
    ['min likes, ascending downloads', () => ({ minLikes: 20 }), { field: 'DOWNLOADS', direction: 'ASC' }],
    ['one task', () => ({ pipelineTags: ['feature-extraction'] }), { field: 'TRENDING_SCORE', direction: 'DESC' }],
    [
      'two tasks by creation date',
      () => ({ pipelineTags: ['translation', 'fill-mask'] }),
      { field: 'CREATED_AT', direction: 'ASC' },
    ],
    [
      'authors, case-insensitive',
      () => ({ authors: [served[0]!.id.split('/')[0]!.toUpperCase(), 'BAAI'] }),
      { field: 'ID', direction: 'ASC' },
    ],
    ['library', () => ({ libraries: ['sentence-transformers'] }), { field: 'LAST_MODIFIED', direction: 'DESC' }],
    ['every tag', () => ({ tags: [somePipelineTag(), 'region:us'] }), { field: 'LIKES', direction: 'ASC' }],
    ['search', () => ({ search: 'BERT' }), { field: 'DOWNLOADS', direction: 'DESC' }],
    ['gated only', () => ({ gated: true }), { field: 'ID', direction: 'DESC' }],
    ['quality bar', () => ({ quality: true }), { field: 'DOWNLOADS', direction: 'DESC' }],
    ['below the quality bar', () => ({ quality: false }), { field: 'TRENDING_SCORE', direction: 'ASC' }],
    [
      'quality and task and likes',
      () => ({ quality: true, pipelineTags: ['text-classification'], minLikes: 10 }),
      { field: 'CREATED_AT', direction: 'DESC' },
    ],
  ];

  it.each(cases)('%s: same ids, order and totalCount', async (_name, makeFilter, orderBy) => {
    const filter = makeFilter();
    const want = expectedIds(served, filter, orderBy);
    const { models } = await query(app, FilteredModelsDocument, { filter, orderBy, first: 500 });

    expect(models.totalCount).toBe(want.length);
    expect(models.nodes.map((node) => node.id)).toEqual(want.slice(0, 500));
    expect(models.pageInfo.hasNextPage).toBe(want.length > 500);
  });

  it('the cases are not vacuous: each matches some models and most match fewer than all', () => {
    const counts = cases.map(([, makeFilter, order]) => expectedIds(served, makeFilter(), order).length);
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(counts.filter((count) => count < served.length).length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    [{}, { field: 'DOWNLOADS', direction: 'DESC' }, 97],
    [{ pipelineTags: ['feature-extraction', 'sentence-similarity'] }, { field: 'CREATED_AT', direction: 'ASC' }, 33],
    [{ quality: true }, { field: 'ID', direction: 'ASC' }, 250],
  ] as [ModelFilter, ModelOrder, number][])(
    'walking every page of %o with after returns each match exactly once',
    async (filter, orderBy, first) => {
      const seen: string[] = [];
      let after: string | null | undefined;
      do {
        const { models } = await query(app, FilteredModelsDocument, { filter, orderBy, first, after });
        seen.push(...models.nodes.map((node) => node.id));
        after = models.pageInfo.hasNextPage ? models.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expectedIds(served, filter, orderBy));
    },
  );

  it('QualityModels lists only models over the bar, most downloaded first', async () => {
    const { models } = await query(app, QualityModelsDocument, { first: 100 });
    expect(models.totalCount).toBe(
      expectedIds(served, { quality: true }, { field: 'DOWNLOADS', direction: 'DESC' }).length,
    );
    for (const node of models.nodes) {
      expect(node.downloads).toBeGreaterThan(100);
      expect(node.likes).toBeGreaterThan(5);
      expect(node.private).toBe(false);
      expect(node.providers.some((mapping) => mapping.provider === 'hf-inference' && mapping.status === 'LIVE')).toBe(
        true,
      );
    }
  });
});

describe('bad arguments get a precise error with a code, never a stack trace', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  let app: App;
  beforeAll(() => {
    app = appFor(emulator.url);
  });
  afterAll(() => app.close());

  it.each([
    ['{ models(first: 0) { totalCount } }', 'BAD_USER_INPUT', /first.*between 1 and 500/],
    ['{ models(first: 501) { totalCount } }', 'BAD_USER_INPUT', /first.*between 1 and 500/],
    ['{ models(filter: {minDownloads: -1}) { totalCount } }', 'BAD_USER_INPUT', /minDownloads.*zero or more/],
    ['{ models(filter: {minLikes: -5}) { totalCount } }', 'BAD_USER_INPUT', /minLikes/],
    ['{ models(after: "not-a-cursor") { totalCount } }', 'INVALID_CURSOR', /cursor/],
  ])('%s', async (document, code, message) => {
    const result = await execute(app, document);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe(code);
    expect(result.errors![0]!.message).toMatch(message);
    expect(JSON.stringify(result)).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('reads null bounds as absent: first: null is the default page, a null minimum no condition', async () => {
    const result = await query(app, '{ models(first: null, filter: {minDownloads: null}) { nodes { id } } }');
    const absent = await query(app, '{ models { nodes { id } } }');
    expect(result).toEqual(absent);
  });

  it('refuses a cursor from an older snapshot instead of shifting the page', async () => {
    const first = await query(app, FilteredModelsDocument, { first: 10 });
    await app.catalog.refresh();
    const result = await execute(app, FilteredModelsDocument, { first: 10, after: first.models.pageInfo.endCursor });
    expect(result.errors![0]!.extensions?.code).toBe('STALE_CURSOR');
    expect(result.errors![0]!.message).toMatch(/snapshot/);
  });

  it('returns null for a model the provider does not serve', async () => {
    const result = await query(app, '{ model(id: "nobody/nothing") { id } }');
    expect(result).toEqual({ model: null });
  });
});
