import type { RunningEmulator } from '../../src/emulator/index.ts';
import type { ModelFilter, ModelOrder } from '../../schema/generated/graphql.ts';
import { idsInOrder } from '../support/expected-order.ts';

export type Raw = RunningEmulator['models'][number];
export interface FacetCountValue {
  value: string;
  count: number;
}
type FacetName = 'pipelineTags' | 'libraries' | 'authors' | 'tags' | 'providers' | 'gated' | 'quality';

const BAR = { downloads: 100, likes: 5 };
const gatedOf = (raw: Raw) => raw.gated === 'auto' || raw.gated === 'manual';
const passesBar = (raw: Raw) => raw.downloads > BAR.downloads && raw.likes > BAR.likes && !raw.private;
/** The Hub's spelling of the statuses a filter's providerStatus names (LIVE by default). */
const statusesOf = (filter: ModelFilter): string[] =>
  filter.providerStatus != null && filter.providerStatus.length > 0
    ? filter.providerStatus.map((status) => status.toLowerCase())
    : ['live'];
const providersWith = (raw: Raw, statuses: readonly string[]) =>
  raw.inferenceProviderMapping.filter((mapping) => statuses.includes(mapping.status)).map((m) => m.provider);

/**
 * Each condition a filter sets, with the facet it belongs to, as a test on the emulator's own records (the Hub's JSON),
 * written without hubcat's code.
 */
function conditions(filter: ModelFilter): [FacetName | null, (raw: Raw) => boolean][] {
  const listed = (values: readonly string[] | null | undefined): values is readonly string[] =>
    values != null && values.length > 0;
  const out: [FacetName | null, (raw: Raw) => boolean][] = [];
  if (filter.minDownloads != null) out.push([null, (raw) => raw.downloads >= filter.minDownloads!]);
  if (filter.minLikes != null) out.push([null, (raw) => raw.likes >= filter.minLikes!]);
  const { pipelineTags, libraries, authors, tags, providers } = filter;
  if (listed(pipelineTags)) out.push(['pipelineTags', (raw) => pipelineTags.includes(raw.pipeline_tag ?? '\u0000')]);
  if (listed(libraries)) out.push(['libraries', (raw) => libraries.includes(raw.library_name ?? '\u0000')]);
  if (listed(authors)) {
    const wanted = authors.map((author) => author.toLowerCase());
    out.push(['authors', (raw) => wanted.includes(raw.id.split('/')[0]!.toLowerCase())]);
  }
  if (listed(tags)) out.push(['tags', (raw) => tags.every((tag) => raw.tags.includes(tag))]);
  if (listed(providers) || listed(filter.providerStatus)) {
    const statuses = statusesOf(filter);
    out.push([
      'providers',
      (raw) =>
        raw.inferenceProviderMapping.some(
          (mapping) =>
            statuses.includes(mapping.status) && (!listed(providers) || providers.includes(mapping.provider)),
        ),
    ]);
  }
  if (filter.search != null) {
    const needle = filter.search.toLowerCase();
    out.push([null, (raw) => raw.id.toLowerCase().includes(needle)]);
  }
  if (filter.gated != null) out.push(['gated', (raw) => gatedOf(raw) === filter.gated]);
  if (filter.quality != null) out.push(['quality', (raw) => passesBar(raw) === filter.quality]);
  return out;
}

/** The ids the filter matches in the order, ties by id and missing values last. */
export function expectedIds(served: readonly Raw[], filter: ModelFilter, order: ModelOrder): string[] {
  const tests = conditions(filter);
  const value = (raw: Raw): number | string | null => {
    switch (order.field) {
      case 'DOWNLOADS':
        return raw.downloads;
      case 'LIKES':
        return raw.likes;
      case 'TRENDING_SCORE':
        return raw.trendingScore ?? null;
      case 'CREATED_AT':
        return Date.parse(raw.createdAt);
      case 'LAST_MODIFIED':
        return Date.parse(raw.lastModified);
      case 'ID':
        return raw.id;
    }
  };
  return idsInOrder(
    served.filter((raw) => tests.every(([, test]) => test(raw))).map((raw) => ({ id: raw.id, value: value(raw) })),
    order.direction,
  );
}

/**
 * A facet as a filter sidebar needs it: per value, the served models meeting every condition but the facet's own;
 * owners folded by case and shown in their commonest spelling; by count descending, then value.
 */
export function expectedFacet(served: readonly Raw[], filter: ModelFilter, facet: FacetName, first: number) {
  const tests = conditions(filter).filter(([owner]) => owner !== facet);
  const counts = new Map<string, number>();
  for (const raw of served) {
    if (!tests.every(([, test]) => test(raw))) continue;
    for (const value of new Set(valuesOf(raw, facet, filter))) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const spelling = facet === 'authors' ? commonestSpellings(served) : null;
  return [...counts]
    .map(([value, count]) => ({ value: spelling?.get(value) ?? value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, first);
}

function valuesOf(raw: Raw, facet: FacetName, filter: ModelFilter): string[] {
  switch (facet) {
    case 'pipelineTags':
      return raw.pipeline_tag === undefined ? [] : [raw.pipeline_tag];
    case 'libraries':
      return raw.library_name === undefined ? [] : [raw.library_name];
    case 'authors':
      return [raw.id.split('/')[0]!.toLowerCase()];
    case 'tags':
      return [...raw.tags];
    case 'providers':
      return providersWith(raw, statusesOf(filter));
    case 'gated':
      return [String(gatedOf(raw))];
    case 'quality':
      return [String(passesBar(raw))];
  }
}

function commonestSpellings(served: readonly Raw[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const raw of served) {
    const owner = raw.id.split('/')[0]!;
    const byKey = counts.get(owner.toLowerCase()) ?? new Map<string, number>();
    byKey.set(owner, (byKey.get(owner) ?? 0) + 1);
    counts.set(owner.toLowerCase(), byKey);
  }
  return new Map(
    [...counts].map(([key, spellings]) => [
      key,
      [...spellings].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]![0],
    ]),
  );
}

export const FACETS: readonly FacetName[] = [
  'pipelineTags',
  'libraries',
  'authors',
  'tags',
  'providers',
  'gated',
  'quality',
];

/** The live hf-inference models of an emulator: the catalog hubcat should serve. */
export function servedOf(emulator: { models: readonly Raw[]; servedIds(provider: string): string[] }): Raw[] {
  const ids = new Set(emulator.servedIds('hf-inference'));
  return emulator.models.filter((raw) => ids.has(raw.id));
}
