import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import { FacetedModelsDocument, type ModelFilter } from '../../schema/generated/graphql.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, execute, query } from '../support/graphql.ts';
import { sizeBucketOf } from '../query/reference.ts';
import { expectedFacet, expectedIds, FACETS, servedOf, type FacetCountValue, type Raw } from './raw-expectations.ts';

type Facets = Record<(typeof FACETS)[number], FacetCountValue[]>;

const FILTERS: [string, (served: Raw[]) => ModelFilter][] = [
  ['no filter', () => ({})],
  ['one task', () => ({ pipelineTags: ['feature-extraction'] })],
  ['two tasks and a minimum of likes', () => ({ pipelineTags: ['translation', 'fill-mask'], minLikes: 10 })],
  [
    'an owner in other case and a library',
    (served) => ({ authors: [served[0]!.id.split('/')[0]!.toUpperCase()], libraries: ['transformers'] }),
  ],
  ['two tags', (served) => ({ tags: [served[0]!.pipeline_tag!, 'region:us'] })],
  ['a provider besides hf-inference, gated', () => ({ providers: ['together', 'novita'], gated: false })],
  ['the quality bar and a search', () => ({ quality: true, search: 'bert' })],
  ['below the bar, with downloads', () => ({ quality: false, minDownloads: 1000 })],
];

describe('facets at 1,377 models, against counts from the emulator records', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  let app: App;
  let served: Raw[];
  beforeAll(() => {
    app = appFor(emulator.url);
    served = servedOf(emulator);
  });
  afterAll(() => app.close());

  it.each(FILTERS)('%s: every facet counts the other conditions, by count then value', async (_name, makeFilter) => {
    const filter = makeFilter(served);
    const { models } = await query(app, FacetedModelsDocument, { filter, first: 10, facetSize: 25 });
    const matching = expectedIds(served, filter, { field: 'DOWNLOADS', direction: 'DESC' }).length;
    expect(matching, 'the case matches something').toBeGreaterThan(0);
    expect(models.totalCount).toBe(matching);
    for (const facet of FACETS) {
      const size = facet === 'gated' || facet === 'quality' ? 2 : 25;
      expect((models.facets as Facets)[facet], facet).toEqual(expectedFacet(served, filter, facet, size));
    }
  });

  it('a selected value keeps its alternatives: the task facet ignores the task condition', async () => {
    const filter = { pipelineTags: ['translation'] };
    const { models } = await query(app, FacetedModelsDocument, { filter, first: 1, facetSize: 50 });
    expect(models.facets.pipelineTags.length).toBeGreaterThan(5);
    expect(models.facets.pipelineTags).toContainEqual({ value: 'translation', count: models.totalCount });
  });

  it.each([0, 501, -1])('refuses first = %i on a facet with BAD_USER_INPUT', async (first) => {
    const result = await execute(app, `{ models { facets { tags(first: ${first}) { value } } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/between 1 and 500/);
  });
});

/** A served model's router labels, as GraphQL gives them: the rows the router filters are recomputed over. */
interface Labelled {
  id: string;
  license: string | null;
  languages: string[];
  parameters: number | null;
  baseModels: { modelId: string }[];
  inputModalities: string[];
  outputModalities: string[];
}

const LABELS = `query($after: String) { models(first: 500, after: $after, orderBy: {field: ID, direction: ASC}) {
  pageInfo { hasNextPage endCursor }
  nodes { id license languages parameters baseModels { modelId } inputModalities outputModalities } } }`;

const ROUTER_PAGE = `query($filter: ModelFilter) { models(filter: $filter, first: 500, orderBy: {field: ID, direction: ASC}) {
  totalCount nodes { id }
  facets { licenses(first: 500) { value count } languages(first: 500) { value count }
    inputModalities { value count } outputModalities { value count } parameterSizes { value count } } } }`;

type RouterFacet = 'licenses' | 'languages' | 'inputModalities' | 'outputModalities' | 'parameterSizes';
/** The facet's values are the Modality enum's internal values: lower case, and `3d` for THREE_D. */
const modality = (name: string) => (name === 'THREE_D' ? '3d' : name.toLowerCase());

describe('router filters and facets over GraphQL, against the served rows recomputed plainly', () => {
  const emulator = useEmulator({ preset: 'gateway-2025-10' });
  let app: App;
  let rows: Labelled[];
  beforeAll(async () => {
    app = appFor(emulator.url);
    rows = [];
    let after: string | null = null;
    do {
      const page: { models: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Labelled[] } } =
        await query(app, LABELS, { after });
      rows.push(...page.models.nodes);
      after = page.models.pageInfo.hasNextPage ? page.models.pageInfo.endCursor : null;
    } while (after !== null);
  });
  afterAll(() => app.close());

  const conditions = (filter: ModelFilter): [RouterFacet | null, (row: Labelled) => boolean][] => {
    const out: [RouterFacet | null, (row: Labelled) => boolean][] = [];
    if (filter.licenses) out.push(['licenses', (row) => filter.licenses!.includes(row.license ?? '\u0000')]);
    if (filter.languages) out.push(['languages', (row) => row.languages.some((l) => filter.languages!.includes(l))]);
    if (filter.minParameters != null || filter.maxParameters != null) {
      const [least, most] = [filter.minParameters ?? 0, filter.maxParameters ?? Infinity];
      out.push([
        'parameterSizes',
        (row) => row.parameters !== null && row.parameters >= least && row.parameters <= most,
      ]);
    }
    if (filter.baseModel) out.push([null, (row) => row.baseModels.some((base) => base.modelId === filter.baseModel)]);
    if (filter.inputModalities) {
      out.push(['inputModalities', (row) => filter.inputModalities!.every((m) => row.inputModalities.includes(m))]);
    }
    if (filter.outputModalities) {
      out.push(['outputModalities', (row) => filter.outputModalities!.every((m) => row.outputModalities.includes(m))]);
    }
    return out;
  };
  const valuesOf = (row: Labelled, facet: RouterFacet): string[] => {
    switch (facet) {
      case 'licenses':
        return row.license === null ? [] : [row.license];
      case 'languages':
        return row.languages;
      case 'inputModalities':
        return row.inputModalities.map(modality);
      case 'outputModalities':
        return row.outputModalities.map(modality);
      case 'parameterSizes':
        return row.parameters === null ? [] : [sizeBucketOf(row.parameters)];
    }
  };

  const FILTERS: [string, (rows: Labelled[]) => ModelFilter][] = [
    ['the commonest license', (all) => ({ licenses: [commonest(all.map((row) => row.license))] })],
    ['a language', (all) => ({ languages: [commonest(all.flatMap((row) => row.languages))] })],
    ['a parameter range', () => ({ minParameters: 1e8, maxParameters: 1e10 })],
    ['a base model', (all) => ({ baseModel: commonest(all.flatMap((row) => row.baseModels.map((b) => b.modelId))) })],
    ['text in, a vector out', () => ({ inputModalities: ['TEXT'], outputModalities: ['EMBEDDING'] })],
  ];

  it.each(FILTERS)('%s: the ids, the total and each router facet', async (_name, makeFilter) => {
    const filter = makeFilter(rows);
    const tests = conditions(filter);
    const want = rows.filter((row) => tests.every(([, test]) => test(row))).map((row) => row.id);
    expect(want.length, 'the case matches something').toBeGreaterThan(0);
    expect(want.length).toBeLessThan(rows.length);
    const { models } = await query<
      { models: { totalCount: number; nodes: { id: string }[]; facets: Record<RouterFacet, FacetCountValue[]> } },
      object
    >(app, ROUTER_PAGE, { filter });
    expect(models.totalCount).toBe(want.length);
    expect(models.nodes.map((node) => node.id)).toEqual(want.slice(0, 500));
    for (const facet of Object.keys(models.facets) as RouterFacet[]) {
      const others = tests.filter(([owner]) => owner !== facet);
      const counts = new Map<string, number>();
      for (const row of rows) {
        if (!others.every(([, test]) => test(row))) continue;
        for (const value of new Set(valuesOf(row, facet))) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      const expected = [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      expect(models.facets[facet], facet).toEqual(expected.slice(0, 500));
    }
  });

  it.each([
    ['{ models(filter: {minParameters: -1}) { totalCount } }', /minParameters.*zero or more/],
    ['{ models(filter: {maxParameters: -0.5}) { totalCount } }', /maxParameters.*zero or more/],
    [
      '{ models(filter: {minParameters: 8e9, maxParameters: 7e9}) { totalCount } }',
      /^filter\.minParameters \(8000000000\) must not exceed filter\.maxParameters \(7000000000\)/,
    ],
    ['{ models(filter: {baseModel: ""}) { totalCount } }', /baseModel must be a model id/],
  ])('refuses %s with BAD_USER_INPUT and a precise message', async (document, message) => {
    const result = await execute(app, document);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(message);
  });
});

function commonest<T>(values: readonly (T | null)[]): T {
  const counts = new Map<T, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([, a], [, b]) => b - a)[0]![0];
}
