import type { Model } from '../../src/catalog/index.ts';
import type { FacetCount, FacetName, ModelFilter, ModelOrder, QualityBar } from '../../src/query/index.ts';
import { idsInOrder } from '../support/expected-order.ts';

/**
 * The engine's contract computed the slow, obvious way over plain Model objects: no index, no bitset, no shared code
 * with src/query. Specs compare the engine with it on generated catalogs.
 */
export function referenceMatches(models: readonly Model[], filter: ModelFilter, bar: QualityBar): Model[] {
  return models.filter((model) => conditionsMet(model, filter, bar).every(([, met]) => met));
}

/** Each given condition of the filter and whether the model meets it, named by the facet it belongs to. */
function conditionsMet(model: Model, filter: ModelFilter, bar: QualityBar): [FacetName | 'other', boolean][] {
  const conditions: [FacetName | 'other', boolean][] = [];
  const listed = (values: readonly string[] | null | undefined) => values != null && values.length > 0;
  if (filter.minDownloads != null) conditions.push(['other', model.downloads >= filter.minDownloads]);
  if (filter.minLikes != null) conditions.push(['other', model.likes >= filter.minLikes]);
  if (listed(filter.pipelineTags)) conditions.push(['pipelineTags', filter.pipelineTags!.includes(model.pipelineTag!)]);
  if (listed(filter.libraries)) conditions.push(['libraries', filter.libraries!.includes(model.libraryName!)]);
  if (listed(filter.authors)) {
    const author = model.author?.toLowerCase();
    conditions.push(['authors', filter.authors!.some((wanted) => wanted.toLowerCase() === author)]);
  }
  if (listed(filter.tags)) conditions.push(['tags', filter.tags!.every((tag) => model.tags.includes(tag))]);
  if (listed(filter.providers) || listed(filter.providerStatus)) {
    const statuses = statusesOf(filter);
    const mapped = model.providers.some(
      (mapping) =>
        statuses.includes(mapping.status) &&
        (!listed(filter.providers) || filter.providers!.includes(mapping.provider)),
    );
    conditions.push(['providers', mapped]);
  }
  if (filter.search != null && filter.search !== '') {
    conditions.push(['other', model.id.toLowerCase().includes(filter.search.toLowerCase())]);
  }
  if (filter.gated != null) conditions.push(['gated', (model.gated !== null) === filter.gated]);
  if (filter.quality != null) conditions.push(['quality', passes(model, bar) === filter.quality]);
  if (listed(filter.licenses)) conditions.push(['licenses', filter.licenses!.includes(model.license!)]);
  if (listed(filter.languages)) {
    conditions.push(['languages', filter.languages!.some((language) => model.languages.includes(language))]);
  }
  if (filter.minParameters != null || filter.maxParameters != null) {
    const count = model.parameterCount;
    const within =
      count !== null &&
      (filter.minParameters == null || count >= filter.minParameters) &&
      (filter.maxParameters == null || count <= filter.maxParameters);
    conditions.push(['parameterSizes', within]);
  }
  if (filter.baseModel != null) {
    conditions.push(['other', model.baseModels.some((base) => base.modelId === filter.baseModel)]);
  }
  if (listed(filter.inputModalities)) {
    conditions.push(['inputModalities', filter.inputModalities!.every((m) => model.inputModalities.includes(m))]);
  }
  if (listed(filter.outputModalities)) {
    conditions.push(['outputModalities', filter.outputModalities!.every((m) => model.outputModalities.includes(m))]);
  }
  return conditions;
}

/** The mapping statuses a provider condition considers: those listed, or live. */
const statusesOf = (filter: ModelFilter): string[] =>
  filter.providerStatus != null && filter.providerStatus.length > 0 ? filter.providerStatus : ['live'];
const passes = (model: Model, bar: QualityBar) =>
  model.downloads > bar.minDownloads &&
  model.likes > bar.minLikes &&
  !model.private &&
  (!bar.requireLicense || (model.license !== null && model.license !== 'other' && model.license !== 'unknown')) &&
  (bar.licenses == null || bar.licenses.some((license) => license === model.license)) &&
  (bar.minParameters == null || (model.parameterCount !== null && model.parameterCount >= bar.minParameters)) &&
  (bar.maxParameters == null || (model.parameterCount !== null && model.parameterCount <= bar.maxParameters));

/** The `parameterSizes` buckets, written out: [label, least count] from the smallest up. */
const SIZE_BUCKETS: [string, number][] = [
  ['<1B', 0],
  ['1B-3B', 1e9],
  ['3B-10B', 3e9],
  ['10B-30B', 1e10],
  ['30B-100B', 3e10],
  ['100B+', 1e11],
];

/** The `parameterSizes` bucket a parameter count falls in. */
export const sizeBucketOf = (count: number): string => SIZE_BUCKETS.filter(([, least]) => count >= least).at(-1)![0];

/** Ids in the order: by the field's value, ties by id ascending, models without a value last. */
export function referenceOrder(models: readonly Model[], order: ModelOrder): string[] {
  const value = (model: Model): number | string | null => {
    const finite = (n: number | null) => (n !== null && Number.isFinite(n) ? n : null);
    const instant = (iso: string | null) => (iso === null ? null : finite(Date.parse(iso)));
    switch (order.field) {
      case 'DOWNLOADS':
        return finite(model.downloads);
      case 'LIKES':
        return finite(model.likes);
      case 'TRENDING_SCORE':
        return finite(model.trendingScore);
      case 'CREATED_AT':
        return instant(model.createdAt);
      case 'LAST_MODIFIED':
        return instant(model.lastModified);
      case 'ID':
        return model.id;
    }
  };
  return idsInOrder(
    models.map((model) => ({ id: model.id, value: value(model) })),
    order.direction,
  );
}

/**
 * A facet's counts: over the models meeting every condition but the facet's own, each value counted once per model,
 * by count descending then value; authors folded by case and shown as their commonest spelling.
 */
export function referenceFacet(
  models: readonly Model[],
  filter: ModelFilter,
  bar: QualityBar,
  facet: FacetName,
  first: number,
  catalog: readonly Model[] = models,
): FacetCount[] {
  const counted = models.filter((model) =>
    conditionsMet(model, filter, bar).every(([owner, met]) => owner === facet || met),
  );
  const counts = new Map<string, number>();
  for (const model of counted)
    for (const value of new Set(valuesOf(model, facet, bar, filter))) counts.set(value, (counts.get(value) ?? 0) + 1);
  const entries = [...counts].map(([value, count]) => ({ value, count }));
  if (facet === 'authors') relabelAuthors(entries, catalog);
  return entries
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, first);
}

/** Every facet at once, for catalogs where a pass per facet would be slow: the same counts as `referenceFacet`. */
export function referenceFacets(
  models: readonly Model[],
  filter: ModelFilter,
  bar: QualityBar,
  facets: readonly FacetName[],
  first: number,
): Record<string, FacetCount[]> {
  const met = models.map((model) => conditionsMet(model, filter, bar));
  return Object.fromEntries(
    facets.map((facet) => {
      const counted = models.filter((_, i) => met[i]!.every(([owner, ok]) => owner === facet || ok));
      // Only the statuses it counts carry over: `counted` already meets every other condition but the facet's own.
      return [facet, referenceFacet(counted, { providerStatus: filter.providerStatus }, bar, facet, first, models)];
    }),
  );
}

function valuesOf(model: Model, facet: FacetName, bar: QualityBar, filter: ModelFilter): string[] {
  switch (facet) {
    case 'pipelineTags':
      return model.pipelineTag === null ? [] : [model.pipelineTag];
    case 'libraries':
      return model.libraryName === null ? [] : [model.libraryName];
    case 'authors':
      return model.author === null ? [] : [model.author.toLowerCase()];
    case 'tags':
      return model.tags;
    case 'providers':
      return model.providers
        .filter((mapping) => statusesOf(filter).includes(mapping.status))
        .map((mapping) => mapping.provider);
    case 'gated':
      return [String(model.gated !== null)];
    case 'quality':
      return [String(passes(model, bar))];
    case 'licenses':
      return model.license === null ? [] : [model.license];
    case 'languages':
      return model.languages;
    case 'inputModalities':
      return model.inputModalities;
    case 'outputModalities':
      return model.outputModalities;
    case 'parameterSizes': {
      const count = model.parameterCount;
      if (count === null) return [];
      return [sizeBucketOf(count)];
    }
  }
}

/** Lower-cased author keys to the spelling most models of the whole catalog use, ties to the first in code units. */
function relabelAuthors(entries: FacetCount[], models: readonly Model[]): void {
  const spellings = new Map<string, Map<string, number>>();
  for (const model of models) {
    if (model.author === null) continue;
    const key = model.author.toLowerCase();
    const byKey = spellings.get(key) ?? new Map<string, number>();
    byKey.set(model.author, (byKey.get(model.author) ?? 0) + 1);
    spellings.set(key, byKey);
  }
  for (const entry of entries) {
    const [best] = [...spellings.get(entry.value)!].sort(
      ([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0),
    );
    entry.value = best![0];
  }
}
