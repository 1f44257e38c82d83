import { hubGgufSchema, hubProviderDetailsSchema, type HubModelItem, type HubProviderMapping } from '../hub/index.ts';
import { modalitiesOf } from './modalities.ts';
import type { GatedMode, MappingDetails, Model, ProviderMapping } from './model.ts';
import { readModelLabels } from './model-tags.ts';

/** The `expand[]` fields every catalog crawl asks for: what `normalizeHubItem` needs, tags included. */
export const CATALOG_EXPAND_FIELDS = [
  'author',
  'pipeline_tag',
  'library_name',
  'tags',
  'downloads',
  'likes',
  'trendingScore',
  'createdAt',
  'lastModified',
  'gated',
  'private',
  'inferenceProviderMapping',
] as const;

/**
 * Expansions a deployment may add (`HUBCAT_EXPAND`), each filling fields the tags cannot: `safetensors` and `gguf` the
 * parameter count, `cardData` the languages and base models a card names beyond the tags. Each costs bytes on every
 * page, so only these are accepted: the catalog reads nothing else.
 */
export const CATALOG_EXPANSIONS = ['safetensors', 'gguf', 'cardData'] as const;
export type CatalogExpansion = (typeof CATALOG_EXPANSIONS)[number];

/**
 * `safetensors` only: it adds about 55 bytes a model (a 1,000-model page of the emulator grows 6%, to 891 KB, still
 * below the same page with `full=true`, from which an upstream body limit is sized; `scripts/page-sizes.ts`), while
 * `cardData` adds a whole card per model and says little the tags do not.
 */
export const DEFAULT_EXPANSIONS: readonly CatalogExpansion[] = ['safetensors'];

/** Turns one validated Hub listing item into hubcat's `Model`; `foundBy` is filled in by the merge. */
export function normalizeHubItem(item: HubModelItem, hubUrl: string): Model {
  const slash = item.id.indexOf('/');
  const pipelineTag = item.pipeline_tag ?? null;
  const tags = item.tags ?? [];
  const labels = readModelLabels(tags, item.cardData);
  const modalities = modalitiesOf(pipelineTag);
  return {
    id: item.id,
    author: item.author ?? (slash > 0 ? item.id.slice(0, slash) : null),
    name: slash >= 0 ? item.id.slice(slash + 1) : item.id,
    pipelineTag,
    libraryName: item.library_name ?? null,
    tags,
    downloads: item.downloads ?? 0,
    likes: item.likes ?? 0,
    trendingScore: item.trendingScore ?? null,
    createdAt: item.createdAt ?? null,
    lastModified: item.lastModified ?? null,
    gated: normalizeGated(item.gated),
    private: item.private ?? false,
    parameterCount: item.safetensors?.total ?? ggufTotal(item.gguf),
    license: labels.license,
    languages: labels.languages,
    baseModels: labels.baseModels,
    inputModalities: modalities.inputs,
    outputModalities: modalities.outputs,
    region: labels.region,
    providers: mappingEntries(item.inferenceProviderMapping).map(normalizeMapping),
    hubId: item._id ?? null,
    foundBy: [],
    url: `${hubUrl}/${item.id}`,
  };
}

function normalizeGated(gated: HubModelItem['gated']): GatedMode | null {
  return gated === 'auto' || gated === 'manual' ? gated : null;
}

function ggufTotal(raw: unknown): number | null {
  if (raw === undefined) return null;
  const gguf = hubGgufSchema.safeParse(raw);
  return gguf.success ? (gguf.data.total ?? null) : null;
}

/** The mappings in the listing's array shape, from either shape: an object's key is its mapping's provider. */
function mappingEntries(raw: HubModelItem['inferenceProviderMapping']): HubProviderMapping[] {
  if (raw === undefined) return [];
  if (Array.isArray(raw)) return raw;
  return Object.entries(raw).map(([provider, mapping]) => ({ ...mapping, provider }));
}

function normalizeMapping(mapping: HubProviderMapping): ProviderMapping {
  const normalized: ProviderMapping = {
    provider: mapping.provider,
    providerId: mapping.providerId ?? null,
    status: mapping.status ?? 'unknown',
    task: mapping.task ?? null,
  };
  const details = listingDetails(mapping.providerDetails);
  if (details) normalized.details = details;
  return normalized;
}

/** The listing's `providerDetails` (context length, prices), when it holds any figure of the expected types. */
function listingDetails(raw: unknown): MappingDetails | null {
  if (raw === undefined) return null;
  const parsed = hubProviderDetailsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { context_length, pricing } = parsed.data;
  const details: MappingDetails = {
    source: 'listing',
    contextLength: context_length ?? null,
    inputPerMillion: pricing?.input ?? null,
    outputPerMillion: pricing?.output ?? null,
    supportsTools: null,
    supportsStructuredOutput: null,
    firstTokenLatencyMs: null,
    throughput: null,
  };
  return hasFigures(details) ? details : null;
}

/** Whether any figure is known: details with none are no details. */
export function hasFigures(details: MappingDetails): boolean {
  return Object.entries(details).some(([key, value]) => key !== 'source' && value !== null);
}
