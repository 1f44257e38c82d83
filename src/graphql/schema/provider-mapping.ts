import {
  isKnownStatus,
  type MappingDetails,
  type Model as CatalogModel,
  type ProviderMapping as CatalogProviderMapping,
} from '../../catalog/index.ts';
import { builder } from '../builder.ts';

export const ProviderStatus = builder.enumType('ProviderStatus', {
  description: "A mapping's status on the Hub",
  values: {
    LIVE: { value: 'live', description: 'Served: requests through the provider work' },
    STAGING: { value: 'staging', description: 'Being set up: not served yet' },
    ERROR: { value: 'error', description: 'Failing: not served now' },
  } as const,
});

const ProviderDetailsSource = builder.enumType('ProviderDetailsSource', {
  description: "Where a mapping's context length, prices and capabilities come from",
  values: {
    ROUTER: { value: 'router', description: "The router's listing (GET /v1/models), which wins where it names them" },
    LISTING: { value: 'listing', description: "The Hub listing's own providerDetails, where the router names none" },
  } as const,
});

interface Pricing {
  inputPerMillion: number | null;
  outputPerMillion: number | null;
}

export const ProviderPricing = builder.objectRef<Pricing>('ProviderPricing').implement({
  description: 'What one million tokens cost through this provider',
  fields: (t) => ({
    inputPerMillion: t.exposeFloat('inputPerMillion', { nullable: true, description: 'Per million input tokens' }),
    outputPerMillion: t.exposeFloat('outputPerMillion', { nullable: true, description: 'Per million output tokens' }),
    currency: t.string({
      description: 'USD: the router publishes its prices in US dollars (as the Hub documents it)',
      resolve: () => 'USD',
    }),
  }),
});

const detail = <K extends keyof MappingDetails>(mapping: CatalogProviderMapping, key: K): MappingDetails[K] | null =>
  mapping.details?.[key] ?? null;

export const ProviderMapping = builder.objectRef<CatalogProviderMapping>('ProviderMapping').implement({
  description: "One inference provider's mapping of a model",
  fields: (t) => ({
    provider: t.exposeString('provider'),
    providerId: t.exposeString('providerId', { nullable: true }),
    status: t.field({
      type: ProviderStatus,
      description: 'Only mappings whose status is one of these are listed (see Model.providers)',
      resolve: (mapping) => mapping.status as 'live' | 'staging' | 'error',
    }),
    task: t.exposeString('task', { nullable: true }),
    contextLength: t.int({ nullable: true, description: 'Tokens', resolve: (m) => detail(m, 'contextLength') }),
    pricing: t.field({
      type: ProviderPricing,
      nullable: true,
      resolve: (mapping) => {
        const pricing = {
          inputPerMillion: detail(mapping, 'inputPerMillion'),
          outputPerMillion: detail(mapping, 'outputPerMillion'),
        };
        return pricing.inputPerMillion === null && pricing.outputPerMillion === null ? null : pricing;
      },
    }),
    supportsTools: t.boolean({ nullable: true, resolve: (m) => detail(m, 'supportsTools') }),
    supportsStructuredOutput: t.boolean({ nullable: true, resolve: (m) => detail(m, 'supportsStructuredOutput') }),
    firstTokenLatencyMs: t.float({
      nullable: true,
      description: 'Time to the first token, as the router measures it',
      resolve: (m) => detail(m, 'firstTokenLatencyMs'),
    }),
    throughput: t.float({
      nullable: true,
      description: 'Tokens per second, as the router measures it',
      resolve: (m) => detail(m, 'throughput'),
    }),
    detailsSource: t.field({
      type: ProviderDetailsSource,
      nullable: true,
      description: 'Where contextLength, pricing and the rest come from; null when nothing names them',
      resolve: (mapping) => mapping.details?.source ?? null,
    }),
  }),
});

/**
 * The mappings the API can state: a status the Hub adds after this API was written has no `ProviderStatus`, and such
 * a mapping is never routable, so it is left out here (the change feed and the fetch report still show it).
 */
export function listedMappings(model: CatalogModel): CatalogProviderMapping[] {
  return model.providers.every((mapping) => isKnownStatus(mapping.status))
    ? model.providers
    : model.providers.filter((mapping) => isKnownStatus(mapping.status));
}
