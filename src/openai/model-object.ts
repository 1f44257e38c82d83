import { isKnownStatus, type Modality, type Model, type ProviderMapping } from '../catalog/index.ts';

/** One provider's mapping, as a router reads it beside the model. */
interface ProviderEntry {
  provider: string;
  /** `live`, `staging` or `error`, as the Hub spells it. */
  status: string;
  contextLength: number | null;
  pricing: { inputPerMillion: number | null; outputPerMillion: number | null; currency: 'USD' } | null;
}

/** An entry of the list: OpenAI's model object, and what hubcat knows of the model under `hubcat`. */
export interface OpenAIModel {
  id: string;
  object: 'model';
  /** Unix seconds of the repo's creation; 0 where the Hub gives no date. */
  created: number;
  owned_by: string;
  hubcat: {
    pipelineTag: string | null;
    license: string | null;
    parameters: number | null;
    languages: string[];
    inputModalities: Modality[];
    outputModalities: Modality[];
    providers: ProviderEntry[];
  };
}

/** Legacy ids without an owner (`gpt2`) were the Hub's own canonical models. */
const HUB_OWNER = 'huggingface';

export function openAIModel(model: Model): OpenAIModel {
  const created = model.createdAt === null ? Number.NaN : Math.floor(Date.parse(model.createdAt) / 1000);
  return {
    id: model.id,
    object: 'model',
    created: Number.isFinite(created) ? created : 0,
    owned_by: model.author ?? HUB_OWNER,
    hubcat: {
      pipelineTag: model.pipelineTag,
      license: model.license,
      parameters: model.parameterCount,
      languages: model.languages,
      inputModalities: model.inputModalities,
      outputModalities: model.outputModalities,
      // A status the Hub adds later is not one a router can act on; GraphQL leaves it out too.
      providers: model.providers.filter((mapping) => isKnownStatus(mapping.status)).map(providerEntry),
    },
  };
}

function providerEntry(mapping: ProviderMapping): ProviderEntry {
  const details = mapping.details;
  const input = details?.inputPerMillion ?? null;
  const output = details?.outputPerMillion ?? null;
  return {
    provider: mapping.provider,
    status: mapping.status,
    contextLength: details?.contextLength ?? null,
    pricing:
      input === null && output === null ? null : { inputPerMillion: input, outputPerMillion: output, currency: 'USD' },
  };
}
