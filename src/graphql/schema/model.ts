import type { Model as CatalogModel } from '../../catalog/index.ts';
import { findModelsById } from '../../query/index.ts';
import { builder } from '../builder.ts';
import type { GraphQLContext } from '../context.ts';
import { DateTime } from './date-time.ts';
import { listedMappings, ProviderMapping } from './provider-mapping.ts';

/** A DataLoader batch: the served snapshot's models with these ids, null where it holds none. */
export async function loadServedModels(ids: readonly string[], context: GraphQLContext) {
  const snapshot = await context.catalog.snapshot();
  return findModelsById({ snapshotId: snapshot.id, models: snapshot.models }, ids);
}

const GatedMode = builder.enumType('GatedMode', {
  values: {
    AUTO: { value: 'auto', description: 'Access is granted on request, automatically' },
    MANUAL: { value: 'manual', description: "Access is granted by the repository's owners" },
  } as const,
});

/** GraphQL's Int is 32-bit. */
const MAX_GRAPHQL_INT = 2 ** 31 - 1;

/**
 * A count as an Int. No model on the Hub comes near 2³¹ downloads a month, but a count that did must not turn every
 * page holding it into an error (graphql-js refuses to serialise it), so it saturates.
 */
function asGraphQLInt(count: number): number {
  return Math.min(count, MAX_GRAPHQL_INT);
}

export const Model = builder.objectRef<CatalogModel>('Model').implement({
  description: 'A model live with at least one configured provider, as hubcat normalized it from the Hub',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Hub id, e.g. "BAAI/bge-small-en-v1.5"' }),
    author: t.exposeString('author', { nullable: true }),
    name: t.exposeString('name'),
    pipelineTag: t.exposeString('pipelineTag', { nullable: true }),
    libraryName: t.exposeString('libraryName', { nullable: true }),
    tags: t.exposeStringList('tags'),
    downloads: t.int({
      description: `Downloads over the last 30 days; a count past GraphQL's Int reads as ${MAX_GRAPHQL_INT}`,
      resolve: (model) => asGraphQLInt(model.downloads),
    }),
    likes: t.int({ resolve: (model) => asGraphQLInt(model.likes) }),
    trendingScore: t.exposeFloat('trendingScore', { nullable: true }),
    createdAt: t.expose('createdAt', { type: DateTime, nullable: true }),
    lastModified: t.expose('lastModified', { type: DateTime, nullable: true }),
    gated: t.boolean({ resolve: (model) => model.gated !== null }),
    gatedMode: t.expose('gated', { type: GatedMode, nullable: true, description: 'How access is granted when gated' }),
    private: t.exposeBoolean('private'),
    parameterCount: t.exposeFloat('parameterCount', { nullable: true, deprecationReason: 'Use parameters' }),
    providers: t.field({
      type: [ProviderMapping],
      description:
        "Every provider's mapping, whatever its status, so staging and failing ones stay visible; a mapping whose " +
        'status is none of LIVE, STAGING and ERROR (one the Hub added later) is left out',
      resolve: listedMappings,
    }),
    foundBy: t.exposeStringList('foundBy', {
      description: 'The sorts and partition queries whose results held this model',
    }),
    url: t.exposeString('url'),
  }),
});

builder.queryField('model', (t) =>
  t.loadable({
    type: Model,
    nullable: true,
    description: 'One model of the served catalog by its Hub id; null when no configured provider serves it live',
    args: { id: t.arg.id({ required: true }) },
    load: loadServedModels,
    resolve: (_root, args) => args.id,
  }),
);
