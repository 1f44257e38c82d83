import type { RouterModelItem, RouterProviderItem } from '../hub/index.ts';
import { hasFigures } from './normalize.ts';
import type { MappingDetails, Model, ProviderMapping } from './model.ts';

/** What joining the router's listing did to the catalog's mappings. */
export interface JoinTally {
  /** Mappings whose figures now come from the router. */
  fromRouter: number;
  /** Mappings that kept the listing's own `providerDetails`, the router naming no figure for them. */
  fromListing: number;
}

/**
 * The catalog with the router's figures joined into each mapping by model id and provider. The router wins where it
 * names the provider for the model (it is what a request through the router meets); a figure it leaves out is taken
 * from the listing's `providerDetails` if that has it. Statuses stay the listing's: the catalog's truth about a
 * mapping is the Hub's, and the router lists no staging mapping at all.
 */
export function joinRouter(
  models: readonly Model[],
  router: readonly RouterModelItem[] | null,
): JoinTally & {
  models: Model[];
} {
  const tally: JoinTally = { fromRouter: 0, fromListing: 0 };
  const byId = new Map(router?.map((entry) => [entry.id, entry]) ?? []);
  const joined = models.map((model) => {
    const entry = byId.get(model.id);
    if (entry === undefined && !model.providers.some((mapping) => mapping.details)) return model;
    const providers = model.providers.map((mapping) => {
      const details = detailsOf(
        mapping,
        entry?.providers.find((item) => item.provider === mapping.provider),
      );
      if (details?.source === 'router') tally.fromRouter++;
      else if (details) tally.fromListing++;
      return details === mapping.details ? mapping : withDetails(mapping, details);
    });
    return { ...model, providers };
  });
  return { models: joined, ...tally };
}

function detailsOf(mapping: ProviderMapping, routed: RouterProviderItem | undefined): MappingDetails | undefined {
  if (routed === undefined) return mapping.details;
  const listed = mapping.details;
  const details: MappingDetails = {
    source: 'router',
    contextLength: routed.context_length ?? listed?.contextLength ?? null,
    inputPerMillion: routed.pricing?.input ?? listed?.inputPerMillion ?? null,
    outputPerMillion: routed.pricing?.output ?? listed?.outputPerMillion ?? null,
    supportsTools: routed.supports_tools ?? null,
    supportsStructuredOutput: routed.supports_structured_output ?? null,
    firstTokenLatencyMs: routed.first_token_latency_ms ?? null,
    throughput: routed.throughput ?? null,
  };
  return hasFigures(details) ? details : listed;
}

function withDetails(mapping: ProviderMapping, details: MappingDetails | undefined): ProviderMapping {
  const rest: ProviderMapping = { ...mapping };
  delete rest.details;
  return details === undefined ? rest : { ...rest, details };
}
