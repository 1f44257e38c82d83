import { hubProviderDetailsSchema, type HubModelItem } from '../hub/index.ts';
import type { GatedMode, MappingDetails, Model, ProviderMapping } from './model.ts';

/** The `expand[]` fields a catalog crawl asks for: exactly what `normalizeHubItem` reads. */
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
  'safetensors',
  'inferenceProviderMapping',
] as const;

/** Turns one validated Hub listing item into hubcat's `Model`; `foundBy` is filled in by the merge. */
export function normalizeHubItem(item: HubModelItem, hubUrl: string): Model {
  const slash = item.id.indexOf('/');
  return {
    id: item.id,
    author: item.author ?? (slash > 0 ? item.id.slice(0, slash) : null),
    name: slash >= 0 ? item.id.slice(slash + 1) : item.id,
    pipelineTag: item.pipeline_tag ?? null,
    libraryName: item.library_name ?? null,
    tags: item.tags ?? [],
    downloads: item.downloads ?? 0,
    likes: item.likes ?? 0,
    trendingScore: item.trendingScore ?? null,
    createdAt: item.createdAt ?? null,
    lastModified: item.lastModified ?? null,
    gated: normalizeGated(item.gated),
    private: item.private ?? false,
    parameterCount: item.safetensors?.total ?? null,
    providers: (item.inferenceProviderMapping ?? []).map(normalizeMapping),
    hubId: item._id ?? null,
    foundBy: [],
    url: `${hubUrl}/${item.id}`,
  };
}

function normalizeGated(gated: HubModelItem['gated']): GatedMode | null {
  return gated === 'auto' || gated === 'manual' ? gated : null;
}

function normalizeMapping(mapping: NonNullable<HubModelItem['inferenceProviderMapping']>[number]): ProviderMapping {
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
