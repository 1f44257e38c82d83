import { Kind, type FieldNode } from 'graphql';
import { z } from 'zod';
import {
  DEFAULT_FACET_SIZE,
  DEFAULT_ORDER,
  DEFAULT_PAGE_SIZE,
  MAX_FACET_SIZE,
  MAX_PAGE_SIZE,
  MODEL_ORDER_FIELDS,
  ORDER_DIRECTIONS,
  searchModels,
  type FacetCount as QueryFacetCount,
  type FacetName,
  type ModelPage,
  type ModelSearch,
} from '../../query/index.ts';
import { builder } from '../builder.ts';
import { facetCost, modelPage, PAGE_ITEMS } from '../query-cost.ts';
import { countUpTo, nonNegative, nonNegativeNumber } from './argument-rules.ts';
import { Model } from './model.ts';
import { Modality } from './model-labels.ts';
import { ProviderStatus } from './provider-mapping.ts';

export const ModelOrderField = builder.enumType('ModelOrderField', { values: MODEL_ORDER_FIELDS });

export const OrderDirection = builder.enumType('OrderDirection', { values: ORDER_DIRECTIONS });

export const ModelFilter = builder.inputType('ModelFilter', {
  description: 'Every given condition must hold; within a list any value matches',
  fields: (t) => ({
    minDownloads: t.int({ description: 'At least this many downloads (last 30 days)' }),
    minLikes: t.int(),
    pipelineTags: t.stringList({ description: 'Any of these tasks' }),
    authors: t.stringList({ description: 'Any of these owners (case-insensitive)' }),
    libraries: t.stringList({ description: 'Any of these libraries' }),
    tags: t.stringList({ description: 'Every one of these tags' }),
    search: t.string({ description: 'Case-insensitive substring of the id' }),
    gated: t.boolean(),
    quality: t.boolean({ description: "true: passes the server's quality bar; false: fails it" }),
    providers: t.stringList({
      description: 'Has a mapping of any of these inference providers: a live one unless providerStatus says otherwise',
    }),
    providerStatus: t.field({
      type: [ProviderStatus],
      description:
        'The mapping statuses providers considers (default LIVE); alone, a mapping of any provider in one of them. ' +
        'The providers facet counts these statuses',
    }),
    licenses: t.stringList({ description: 'Any of these license ids, exactly (e.g. apache-2.0, mit)' }),
    languages: t.stringList({ description: 'Names any of these language codes (e.g. en, fr, multilingual)' }),
    minParameters: t.float({
      description: 'At least this many parameters (inclusive); a model whose count is unknown is left out',
    }),
    maxParameters: t.float({
      description:
        'At most this many parameters (inclusive); a model whose count is unknown is left out. Not below minParameters',
    }),
    baseModel: t.string({
      description: 'Derives from this model id (exactly), by any relation: fine-tune, quantization, adapter or merge',
    }),
    inputModalities: t.field({ type: [Modality], description: 'Takes every one of these' }),
    outputModalities: t.field({ type: [Modality], description: 'Gives every one of these' }),
  }),
});

/**
 * The bounds of `models`' arguments, checked in one pass over them. Rules on the filter's fields would have the
 * validation plugin copy and walk every field of the filter in every request, which cost a page more than its
 * variables' coercion.
 */
const MODELS_ARGUMENTS = z.looseObject({
  filter: z
    .looseObject({
      minDownloads: nonNegative.nullish(),
      minLikes: nonNegative.nullish(),
      minParameters: nonNegativeNumber.nullish(),
      maxParameters: nonNegativeNumber.nullish(),
    })
    .nullish(),
  first: countUpTo(MAX_PAGE_SIZE).nullish(),
});

export const ModelOrder = builder.inputType('ModelOrder', {
  fields: (t) => ({
    field: t.field({ type: ModelOrderField, required: true }),
    direction: t.field({ type: OrderDirection, required: true }),
  }),
});

export const PageInfo = builder.objectRef<ModelPage['pageInfo']>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

const ModelEdge = builder.objectRef<ModelPage['edges'][number]>('ModelEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: Model, resolve: (edge) => edge.node }),
  }),
});

export const FacetCount = builder.objectRef<QueryFacetCount>('FacetCount').implement({
  description: 'How many models one value of a facet has',
  fields: (t) => ({
    value: t.exposeString('value'),
    count: t.exposeInt('count'),
  }),
});

const ModelFacets = builder.objectRef<ModelSearch>('ModelFacets').implement({
  description:
    'Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter ' +
    "except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value",
  fields: (t) => {
    const facet = (name: FacetName, description: string) =>
      t.field({
        type: [FacetCount],
        description,
        complexity: facetCost,
        args: { first: t.arg.int({ defaultValue: DEFAULT_FACET_SIZE, validate: countUpTo(MAX_FACET_SIZE) }) },
        resolve: (search, args) => search.facet(name, args.first),
      });
    return {
      pipelineTags: facet('pipelineTags', 'Tasks'),
      libraries: facet('libraries', 'Libraries'),
      authors: facet('authors', "Owners, case-insensitively, each shown as its models' most common spelling"),
      tags: facet('tags', 'Tags, counted over the filter without its tags condition'),
      providers: facet(
        'providers',
        "Inference providers with a mapping of the models in one of the filter's providerStatus (default LIVE)",
      ),
      gated: t.field({
        type: [FacetCount],
        complexity: facetCost,
        description: 'Values true and false',
        resolve: (search) => search.facet('gated', 2),
      }),
      quality: t.field({
        type: [FacetCount],
        complexity: facetCost,
        description: "Values true and false: passes the server's quality bar or not",
        resolve: (search) => search.facet('quality', 2),
      }),
      licenses: facet('licenses', 'License ids'),
      languages: facet('languages', 'Language codes'),
      inputModalities: facet('inputModalities', 'What the models take in (values as the Modality enum, lower case)'),
      outputModalities: facet('outputModalities', 'What the models give out (values as the Modality enum, lower case)'),
      parameterSizes: facet(
        'parameterSizes',
        'Parameter counts in buckets, each from its lower end (inclusive) to the next: <1B, 1B-3B, 3B-10B, ' +
          '10B-30B, 30B-100B, 100B+; counted over the filter without its minParameters and maxParameters',
      ),
    };
  },
});

const ModelConnection = builder.objectRef<ModelSearch>('ModelConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [ModelEdge], extensions: PAGE_ITEMS, resolve: (search) => search.edges }),
    nodes: t.field({ type: [Model], extensions: PAGE_ITEMS, resolve: (search) => search.nodes }),
    pageInfo: t.field({ type: PageInfo, resolve: (search) => search.pageInfo }),
    totalCount: t.int({
      description: 'Models matching the filter, across all pages',
      resolve: (search) => search.totalCount,
    }),
    facets: t.field({ type: ModelFacets, resolve: (search) => search }),
  }),
});

builder.queryField('models', (t) =>
  t.field({
    type: ModelConnection,
    description: 'The served catalog, filtered, ordered and paged',
    extensions: modelPage,
    validate: MODELS_ARGUMENTS,
    args: {
      filter: t.arg({ type: ModelFilter }),
      orderBy: t.arg({ type: ModelOrder, defaultValue: DEFAULT_ORDER }),
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE }),
      after: t.arg.string({ description: 'endCursor of the previous page' }),
    },
    resolve: async (_root, args, context, info) => {
      const snapshot = await context.catalog.snapshot();
      const search = searchModels({ snapshotId: snapshot.id, models: snapshot.models }, args, context.qualityBar);
      // The page holds the total too: made first, it spares `totalCount` a count of its own.
      if (selectsPage(info.fieldNodes)) search.selectPage();
      return search;
    },
  }),
);

const PAGE_FIELDS: ReadonlySet<string> = new Set(['nodes', 'edges', 'pageInfo']);

/** Whether the connection's own selection (fragments aside) asks for the page. */
function selectsPage(fieldNodes: readonly FieldNode[]): boolean {
  return fieldNodes.some((node) =>
    node.selectionSet?.selections.some(
      (selection) => selection.kind === Kind.FIELD && PAGE_FIELDS.has(selection.name.value),
    ),
  );
}
