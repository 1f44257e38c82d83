import type { CatalogView, ModelFilter, ModelOrder, QualityBar } from '../../src/query/index.ts';
import { searchModels } from '../../src/query/index.ts';
import { seededRandom } from '../../test/support/seeded-random.ts';

export interface BenchQuery {
  filter: ModelFilter;
  orderBy: ModelOrder;
}

/**
 * `count` distinct filter/order combinations of the kinds a filter sidebar sends — a task or two, a library, an
 * owner, a tag or two, a provider, a minimum of likes or downloads, gated, the quality bar, a search, a license with a
 * language and a parameter range — with values
 * drawn from the catalog itself (its most common tasks, libraries, tags, owners), so every shape matches something
 * at every size. Deterministic for a given catalog.
 */
export function queryMix(view: CatalogView, bar: QualityBar, count: number): BenchQuery[] {
  const all = searchModels(view, {}, bar);
  const values = (facet: Parameters<typeof all.facet>[0], first: number) => all.facet(facet, first).map((v) => v.value);
  const tasks = values('pipelineTags', 12);
  const libraries = values('libraries', 8);
  const tags = values('tags', 40).filter((tag) => !tasks.includes(tag));
  const authors = values('authors', 20);
  const providers = values('providers', 6);
  const needles = authors.map((author) => author.slice(0, 4).toLowerCase());
  const licenses = values('licenses', 8);
  const languages = values('languages', 8);
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
  const order = (field: ModelOrder['field'], direction: ModelOrder['direction']): ModelOrder => ({ field, direction });
  const shapes: ((i: number) => BenchQuery)[] = [
    (i) => ({ filter: { pipelineTags: [pick(tasks, i)] }, orderBy: order('DOWNLOADS', 'DESC') }),
    (i) => ({ filter: { pipelineTags: [pick(tasks, i + 1)], minLikes: 5 + i }, orderBy: order('LIKES', 'DESC') }),
    (i) => ({ filter: { libraries: [pick(libraries, i)], gated: false }, orderBy: order('CREATED_AT', 'DESC') }),
    (i) => ({ filter: { tags: [pick(tags, i)], quality: true }, orderBy: order('TRENDING_SCORE', 'DESC') }),
    (i) => ({ filter: { authors: [pick(authors, i)] }, orderBy: order('LAST_MODIFIED', 'DESC') }),
    (i) => ({
      filter: { pipelineTags: [pick(tasks, i), pick(tasks, i + 3)], minDownloads: 100 * (i + 1) },
      orderBy: order('DOWNLOADS', 'ASC'),
    }),
    (i) => ({ filter: { quality: true, providers: [pick(providers, i)] }, orderBy: order('LIKES', 'DESC') }),
    (i) => ({ filter: { search: pick(needles, i) }, orderBy: order('ID', 'ASC') }),
    (i) => ({ filter: { tags: [pick(tags, i), pick(tags, i + 5)] }, orderBy: order('DOWNLOADS', 'DESC') }),
    (i) => ({ filter: { minLikes: i + 1, gated: i % 2 === 0 }, orderBy: order('LIKES', 'ASC') }),
    // What a router asks (issue 21): a license it may use, a language, a size it can serve.
    (i) => ({
      filter: { licenses: [pick(licenses, i)], languages: [pick(languages, i)], ...pick(PARAMETER_RANGES, i) },
      orderBy: order('DOWNLOADS', 'DESC'),
    }),
    (i) => ({
      filter: {
        licenses: [pick(licenses, i), pick(licenses, i + 3)],
        languages: [pick(languages, i + 1), pick(languages, i + 4)],
        ...pick(PARAMETER_RANGES, i + 2),
        pipelineTags: [pick(tasks, i)],
      },
      orderBy: order('LIKES', 'DESC'),
    }),
  ];
  const queries: BenchQuery[] = [];
  const seen = new Set<string>();
  for (let i = 0; queries.length < count && i < count * 10; i++) {
    const query = shapes[i % shapes.length]!(Math.floor(i / shapes.length));
    const key = JSON.stringify(query);
    if (seen.has(key)) continue;
    seen.add(key);
    queries.push(query);
  }
  return queries;
}

/** Parameter bounds a router sets: what fits a GPU, what is worth routing to, a band around a released size. */
const PARAMETER_RANGES = [
  { minParameters: 1e9, maxParameters: 1e10 },
  { maxParameters: 3e9 },
  { minParameters: 7e9 },
  { minParameters: 3e9, maxParameters: 3e10 },
  { minParameters: 1e8, maxParameters: 2e9 },
];

/**
 * What fresh thresholds and search terms are drawn from, taken from the catalog once: its downloads and likes at every
 * thousandth of their distribution, and ids of rows spread over it. Sent with the engine's figures, so the server's
 * process and the load generator draw from the same material.
 */
export interface FreshMaterial {
  downloads: number[];
  likes: number[];
  ids: string[];
}

const QUANTILES = 1000;
const GRAPHQL_INT_MAX = 2 ** 31 - 1;
const SAMPLED_IDS = 4096;

export function freshMaterial(view: CatalogView): FreshMaterial {
  const { models } = view;
  const quantiles = (column: Float64Array) => {
    const sorted = Float64Array.from(column.filter(Number.isFinite)).sort();
    return Array.from({ length: QUANTILES + 1 }, (_, i) =>
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((i / QUANTILES) * sorted.length))]!,
    );
  };
  const step = Math.max(1, Math.floor(models.size / SAMPLED_IDS));
  const ids: string[] = [];
  for (let row = 0; row < models.size && ids.length < SAMPLED_IDS; row += step) ids.push(models.ids[row]!);
  return { downloads: quantiles(models.downloads), likes: quantiles(models.likes), ids };
}

/**
 * The `i`-th query of a run where every request is distinct: the mix's shape `i mod mix.length` with a `minDownloads`
 * drawn fresh (added where the shape had none), its `minLikes` and its `search` drawn fresh where it had them. A
 * threshold is a value between two adjacent thousandths of the column's distribution, at a share drawn uniformly, so
 * requests range from every model to almost none; a search term is 3 to 8 characters of a sampled id, as typed into a
 * search box. A query already drawn is drawn again, so no cache of any kind has seen one.
 */
export function freshQueries(mix: readonly BenchQuery[], material: FreshMaterial, seed: number): () => BenchQuery {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const between = (quantiles: readonly number[]) => {
    const at = Math.floor(random() * (quantiles.length - 1));
    const [low, high] = [Math.ceil(quantiles[at]!), Math.floor(quantiles[at + 1]!)];
    // A GraphQL Int is 32-bit, and scale-100k has models downloaded more often than that.
    return Math.min(GRAPHQL_INT_MAX, high <= low ? low : low + Math.floor(random() * (high - low + 1)));
  };
  const needle = () => {
    const id = material.ids[Math.floor(random() * material.ids.length)]!;
    const length = 3 + Math.floor(random() * 6);
    const start = Math.floor(random() * Math.max(1, id.length - length + 1));
    return id.slice(start, start + length);
  };
  let next = 0;
  return () => {
    const shape = mix[next++ % mix.length]!;
    for (;;) {
      const filter: ModelFilter = { ...shape.filter, minDownloads: between(material.downloads) };
      if (shape.filter.minLikes != null) filter.minLikes = between(material.likes);
      if (shape.filter.search != null) filter.search = needle();
      const query = { filter, orderBy: shape.orderBy };
      const key = JSON.stringify(query);
      if (seen.has(key)) continue;
      seen.add(key);
      return query;
    }
  };
}
