import { z } from 'zod';
import type { ProviderReport } from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { PROVIDERS_COST } from '../query-cost.ts';
import { Coverage } from './fetch-report.ts';
import { ProviderFigures } from './provider-figures.ts';

export const ProviderSummary = builder.objectRef<ProviderReport>('ProviderSummary').implement({
  description:
    "One inference provider's part of the served catalog: its mappings by status, whether its live set is proven " +
    'complete (or how much of it the catalog holds), and what it serves',
  interfaces: [ProviderFigures],
  fields: (t) => ({
    name: t.exposeString('provider'),
    coverage: t.field({
      type: Coverage,
      nullable: true,
      description: 'Of its live set: exact when complete, else against a lower-bound estimate (an upper-bound ratio)',
      resolve: (report) => report.coverage,
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
