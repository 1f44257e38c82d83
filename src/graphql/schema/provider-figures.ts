import type { ProviderReport } from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { TASKS_COST } from '../query-cost.ts';
import { Completeness } from './fetch-report.ts';
import { FacetCount } from './model-connection.ts';

/** What the fetch report (`ProviderReport`) and the API's provider list (`ProviderSummary`) both say of a provider. */
export const ProviderFigures = builder.interfaceRef<ProviderReport>('ProviderFigures').implement({
  description:
    "One provider's mappings by status among the catalog's models, whether its live set is proven complete, and " +
    'the tasks it serves',
  fields: (t) => ({
    live: t.exposeInt('live', { description: 'Models with a live mapping of this provider: its served set' }),
    staging: t.exposeInt('staging', {
      description:
        "Staging mappings of this provider on the catalog's models: a lower bound, as the Hub lists a model only " +
        'when a provider the listing names serves it live',
    }),
    error: t.exposeInt('error', { description: 'Failing mappings, counted as staging ones are' }),
    complete: t.exposeBoolean('complete', { description: 'True only with a proof that its whole live set was seen' }),
    completeness: t.field({ type: Completeness, resolve: (report) => report.completeness }),
    tasks: t.field({
      type: [FacetCount],
      complexity: TASKS_COST,
      description: 'Tasks of its live mappings, most first',
      resolve: (report) => report.tasks,
    }),
  }),
});
