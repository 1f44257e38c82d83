import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import {
  countModels,
  passesQualityBar,
  searchModels,
  type CatalogView,
  type FacetName,
  type ModelFilter,
  type ModelPage,
  type QualityBar,
} from '../../src/query/index.ts';
import { generatedCatalog } from './generated-catalog.ts';
import { queryInputErrorOf } from './helpers.ts';
import { referenceFacet, referenceMatches, referenceOrder } from './reference.ts';

const BAR: QualityBar = { minDownloads: 300, minLikes: 10 };
const MODELS = generatedCatalog(3000, 43);
const VIEW: CatalogView = { snapshotId: 'router-filters', models: ModelTable.from(MODELS) };
const ids = (filter: ModelFilter, bar = BAR) =>
  searchModels(VIEW, { filter, first: 500, orderBy: { field: 'ID', direction: 'ASC' } }, bar).page;

/** One filter per new condition, each admitting some models and not all. */
const FILTERS: [string, ModelFilter][] = [
  ['licenses, one', { licenses: ['mit'] }],
  ['licenses, several and one no model has', { licenses: ['apache-2.0', 'gemma', 'no-such'] }],
  ['languages, any of them', { languages: ['fr', 'sw'] }],
  ['minParameters on a bucket edge', { minParameters: 3e9 }],
  ['maxParameters on a released size', { maxParameters: 8e9 }],
  ['both bounds, equal', { minParameters: 7e9, maxParameters: 7e9 }],
  ['both bounds, a range', { minParameters: 1e9, maxParameters: 1e11 }],
  ['minParameters 0: every model with a count', { minParameters: 0 }],
  ['baseModel, any relation', { baseModel: 'Qwen/Qwen2.5-7B' }],
  ['inputModalities, every one', { inputModalities: ['image', 'text'] }],
  ['outputModalities, one', { outputModalities: ['embedding'] }],
  [
    'all of them with older conditions',
    { licenses: ['apache-2.0', 'mit'], languages: ['en'], minParameters: 1e9, maxParameters: 2e11, minDownloads: 100 },
  ],
];
const NEW_FACETS: FacetName[] = ['licenses', 'languages', 'inputModalities', 'outputModalities', 'parameterSizes'];

describe('the router filters against a scan of plain models', () => {
  it.each(FILTERS)('%s: the same models, in id order, with the same total', (_name, filter) => {
    const expected = referenceOrder(referenceMatches(MODELS, filter, BAR), { field: 'ID', direction: 'ASC' });
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(MODELS.length);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ModelPage = searchModels(
        VIEW,
        { filter, first: 97, after, orderBy: { field: 'ID', direction: 'ASC' } },
        BAR,
      ).page;
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.nodes.map((model) => model.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it.each(FILTERS)('%s: each new facet equals the counts over the filter without its own', (_name, filter) => {
    const search = searchModels(VIEW, { filter }, BAR);
    for (const facet of NEW_FACETS) {
      expect(search.facet(facet, 500), facet).toEqual(referenceFacet(MODELS, filter, BAR, facet, 500));
    }
  });

  it('a model without a parameter count meets no bound, however wide', () => {
    const counted = MODELS.filter((model) => model.parameterCount !== null).length;
    expect(counted).toBeLessThan(MODELS.length);
    expect(countModels(VIEW, { minParameters: 0 }, BAR)).toBe(counted);
    expect(countModels(VIEW, { maxParameters: Number.MAX_VALUE }, BAR)).toBe(counted);
  });

  it('the one-valued facets sum to the models that have a value; each model counted once per value it has', () => {
    const filter: ModelFilter = { minDownloads: 50 };
    const search = searchModels(VIEW, { filter }, BAR);
    const matches = referenceMatches(MODELS, filter, BAR);
    const sum = (facet: FacetName) => search.facet(facet, 500).reduce((total, entry) => total + entry.count, 0);
    expect(sum('licenses')).toBe(matches.filter((model) => model.license !== null).length);
    expect(sum('parameterSizes')).toBe(matches.filter((model) => model.parameterCount !== null).length);
    expect(sum('languages')).toBe(matches.reduce((total, model) => total + model.languages.length, 0));
    expect(sum('inputModalities')).toBe(matches.reduce((total, model) => total + model.inputModalities.length, 0));
    expect(
      search
        .facet('parameterSizes', 500)
        .map((entry) => entry.value)
        .sort(),
    ).toEqual(['<1B', '1B-3B', '3B-10B', '10B-30B', '30B-100B', '100B+'].sort());
  });
});

describe('bad router filters', () => {
  it.each([
    [{ minParameters: -1 }, 'filter.minParameters', 'filter.minParameters must be a non-negative number, got -1'],
    [
      { maxParameters: -1e9 },
      'filter.maxParameters',
      'filter.maxParameters must be a non-negative number, got -1000000000',
    ],
    [
      { minParameters: 8e9, maxParameters: 7e9 },
      'filter.minParameters',
      'filter.minParameters (8000000000) must not exceed filter.maxParameters (7000000000): no model lies between them',
    ],
    [
      { minParameters: Number.NaN },
      'filter.minParameters',
      'filter.minParameters must be a non-negative number, got NaN',
    ],
    [{ baseModel: '' }, 'filter.baseModel', 'filter.baseModel must be a model id, got ""'],
  ] as [ModelFilter, string, string][])('refuses %j, naming the argument', (filter, argument, message) => {
    const error = queryInputErrorOf(() => countModels(VIEW, filter, BAR));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.argument).toBe(argument);
    expect(error.message).toBe(message);
  });
});

describe('a quality bar with optional conditions', () => {
  const BARS: [string, QualityBar][] = [
    ['a known license', { ...BAR, requireLicense: true }],
    ['a license of a list', { ...BAR, licenses: ['apache-2.0', 'mit'] }],
    ['a parameter range', { ...BAR, minParameters: 1e9, maxParameters: 1e11 }],
    [
      'all of them',
      { minDownloads: 0, minLikes: 0, requireLicense: true, licenses: ['mit', 'other'], maxParameters: 1e10 },
    ],
  ];

  it.each(BARS)('%s: quality true and false split the catalog as a scan does, and so does its facet', (_name, bar) => {
    const passing = referenceOrder(referenceMatches(MODELS, { quality: true }, bar), { field: 'ID', direction: 'ASC' });
    const withoutConditions = { minDownloads: bar.minDownloads, minLikes: bar.minLikes };
    expect(passing.length).toBeGreaterThan(0);
    expect(passing.length).toBeLessThan(referenceMatches(MODELS, { quality: true }, withoutConditions).length);
    expect(ids({ quality: true }, bar).nodes.map((model) => model.id)).toEqual(passing.slice(0, 500));
    expect(countModels(VIEW, { quality: true }, bar)).toBe(passing.length);
    expect(countModels(VIEW, { quality: false }, bar)).toBe(MODELS.length - passing.length);
    const passes = MODELS.filter((model) => passesQualityBar(model, bar)).map((model) => model.id);
    expect(passes.sort()).toEqual([...passing].sort());
    const filter: ModelFilter = { languages: ['en'] };
    expect(searchModels(VIEW, { filter }, bar).facet('quality', 2)).toEqual(
      referenceFacet(MODELS, filter, bar, 'quality', 2),
    );
  });

  it('a known license is neither none nor the Hub’s other and unknown', () => {
    const bar = { minDownloads: -1, minLikes: -1, requireLicense: true };
    const licenses = new Set(referenceMatches(MODELS, { quality: true }, bar).map((model) => model.license));
    expect([...licenses].sort()).toEqual(['apache-2.0', 'cc-by-nc-4.0', 'gemma', 'llama3.1', 'mit']);
  });
});

describe('afterId: resuming the id order after an id', () => {
  const ascending = referenceOrder(MODELS, { field: 'ID', direction: 'ASC' });

  it.each(['ASC', 'DESC'] as const)('%s: after an id of the snapshot, and after one between two ids', (direction) => {
    const order = direction === 'ASC' ? ascending : [...ascending].reverse();
    const filter: ModelFilter = { licenses: ['mit', 'apache-2.0'] };
    const matching = new Set(referenceMatches(MODELS, filter, BAR).map((model) => model.id));
    for (const at of [0, 1, 777, order.length - 2, order.length - 1]) {
      const expected = order.slice(at + 1).filter((id) => matching.has(id));
      for (const afterId of [order[at]!, `${order[at]!}\u0000`]) {
        // An id just past order[at] in code units lies between it and the next one, in either direction's sense.
        const resumed =
          direction === 'ASC' || afterId === order[at] ? expected : order.slice(at).filter((id) => matching.has(id));
        const page = searchModels(VIEW, { filter, first: 5, afterId, orderBy: { field: 'ID', direction } }, BAR).page;
        expect(
          page.nodes.map((model) => model.id),
          `${afterId} ${direction}`,
        ).toEqual(resumed.slice(0, 5));
        expect(page.totalCount).toBe(matching.size);
        expect(page.pageInfo.hasNextPage).toBe(resumed.length > 5);
      }
    }
  });

  it('before every id it starts at the first; past every id it returns nothing', () => {
    const orderBy = { field: 'ID', direction: 'ASC' } as const;
    const first = searchModels(VIEW, { first: 3, afterId: '', orderBy }, BAR).page;
    expect(first.nodes.map((model) => model.id)).toEqual(ascending.slice(0, 3));
    expect(first.pageInfo.hasPreviousPage).toBe(false);
    const none = searchModels(VIEW, { first: 3, afterId: '\uffff', orderBy }, BAR).page;
    expect(none.nodes).toEqual([]);
    expect(none.pageInfo.hasNextPage).toBe(false);
  });

  it('is refused outside the id order and beside after', () => {
    const byDownloads = queryInputErrorOf(() =>
      searchModels(VIEW, { afterId: 'x', orderBy: { field: 'DOWNLOADS', direction: 'DESC' } }, BAR),
    );
    expect([byDownloads.code, byDownloads.argument]).toEqual(['BAD_USER_INPUT', 'afterId']);
    const cursor = ids({}).pageInfo.endCursor!;
    const both = queryInputErrorOf(() =>
      searchModels(VIEW, { afterId: 'x', after: cursor, orderBy: { field: 'ID', direction: 'ASC' } }, BAR),
    );
    expect(both.message).toBe('give after or afterId, not both');
  });
});
