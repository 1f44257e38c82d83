import { z } from 'zod';
import type { ProviderReport } from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { PROVIDERS_COST, TASKS_COST } from '../query-cost.ts';
import { Completeness, Coverage } from './fetch-report.ts';
import { FacetCount } from './model-connection.ts';

export const ProviderSummary = builder.objectRef<ProviderReport>('ProviderSummary').implement({
  description:
    "One inference provider's part of the served catalog: its mappings by status, whether its live set is proven " +
    'complete (or how much of it the catalog holds), and what it serves',
  fields: (t) => ({
    name: t.exposeString('provider'),
    live: t.exposeInt('live', { description: 'Models it serves live' }),
    staging: t.exposeInt('staging', {
      description:
        "Its staging mappings on the catalog's models: a lower bound, as the Hub lists a model only when some " +
        'provider the listing names serves it live',
    }),
    error: t.exposeInt('error', { description: 'Its failing mappings, counted as staging ones are' }),
    complete: t.exposeBoolean('complete', {
      description: 'True only with a proof that every model it serves was seen',
    }),
    coverage: t.field({
      type: Coverage,
      nullable: true,
      description: 'Of its live set: exact when complete, else against a lower-bound estimate (an upper-bound ratio)',
      resolve: (report) => report.coverage,
    }),
    completeness: t.field({ type: Completeness, resolve: (report) => report.completeness }),
    tasks: t.field({
      type: [FacetCount],
      complexity: TASKS_COST,
      description: 'Tasks of its live mappings, most first',
      resolve: (report) => report.tasks,
    }),
  }),
});

builder.queryFields((t) => ({
  providers: t.field({
    type: [ProviderSummary],
    complexity: PROVIDERS_COST,
    description:
      'The configured providers (with all: every provider the catalog names, most live models first), as the ' +
      'served snapshot holds them',
    resolve: async (_root, _args, context) => (await context.catalog.snapshot()).report.providers,
  }),
  provider: t.field({
    type: ProviderSummary,
    nullable: true,
    description: 'One provider by its Hub name; null when it is not configured (with all: when no model names it)',
    args: {
      name: t.arg.string({
        required: true,
        validate: z
          .string()
          .min(1, { error: 'must not be empty' })
          .max(200, { error: 'must be at most 200 characters' }),
      }),
    },
    resolve: async (_root, args, context) =>
      (await context.catalog.snapshot()).report.providers.find((report) => report.provider === args.name) ?? null,
  }),
}));
