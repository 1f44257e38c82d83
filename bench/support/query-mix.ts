import type { CatalogView, ModelFilter, ModelOrder, QualityBar } from '../../src/query/index.ts';
import { searchModels } from '../../src/query/index.ts';

export interface BenchQuery {
  filter: ModelFilter;
  orderBy: ModelOrder;
}

/**
 * `count` distinct filter/order combinations of the kinds a filter sidebar sends — a task or two, a library, an
 * owner, a tag or two, a provider, a minimum of likes or downloads, gated, the quality bar, a search — with values
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
