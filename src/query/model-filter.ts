import { isKnownStatus, PROVIDER_STATUSES, type Model } from '../catalog/index.ts';
import type { CatalogIndex } from './catalog-index.ts';
import {
  CodeCondition,
  MinimumCondition,
  ProviderCondition,
  QualityCondition,
  RowSetCondition,
  TagCondition,
  type Condition,
} from './conditions.ts';
import type { ModelFilter, QualityBar } from './model-query.ts';
import { QueryInputError } from './query-input-error.ts';

/**
 * Whether a model clears the provider's quality bar: strictly more downloads and likes
 * than the bar, and public.
 */
export function passesQualityBar(model: Model, bar: QualityBar): boolean {
  return model.downloads > bar.minDownloads && model.likes > bar.minLikes && !model.private;
}

/** Refuses what no snapshot could answer (a negative minimum), before any work. */
export function validateFilter(filter: ModelFilter | null | undefined): void {
  checkedMinimum(filter?.minDownloads, 'filter.minDownloads');
  checkedMinimum(filter?.minLikes, 'filter.minLikes');
  const statuses: readonly string[] = filter?.providerStatus ?? [];
  const unknown = statuses.find((status) => !isKnownStatus(status));
  if (unknown !== undefined) {
    throw new QueryInputError(
      'BAD_USER_INPUT',
      'filter.providerStatus',
      `filter.providerStatus must list ${PROVIDER_STATUSES.join(', ')}, got ${JSON.stringify(unknown)}`,
    );
  }
}

/**
 * The status codes the provider condition and the `providers` facet consider: those listed, or `live`. A status no
 * mapping of the snapshot has is left out, so it admits nothing.
 */
export function providerStatusCodes(index: CatalogIndex, filter: ModelFilter | null | undefined): number[] {
  const statuses = filter?.providerStatus?.length ? filter.providerStatus : ['live'];
  const codes = statuses.map((status) => index.table.codeOf('status', status)).filter((code) => code >= 0);
  return [...new Set(codes)].sort((a, b) => a - b);
}

/**
 * The filter's conditions over one snapshot. A value no row has still makes a condition (admitting nothing), so an
 * unknown task matches no model rather than every model.
 */
export function compileFilter(
  index: CatalogIndex,
  filter: ModelFilter | null | undefined,
  bar: QualityBar,
): Condition[] {
  if (!filter) return [];
  const { table } = index;
  const conditions: Condition[] = [];
  const minDownloads = checkedMinimum(filter.minDownloads, 'filter.minDownloads');
  if (minDownloads !== null) conditions.push(new MinimumCondition(index, 'DOWNLOADS', minDownloads));
  const minLikes = checkedMinimum(filter.minLikes, 'filter.minLikes');
  if (minLikes !== null) conditions.push(new MinimumCondition(index, 'LIKES', minLikes));

  const pipelineTags = codesOf(filter.pipelineTags, (tag) => table.codeOf('pipelineTag', tag));
  if (pipelineTags)
    conditions.push(CodeCondition.of(index, 'pipelineTags', table.pipelineTag, index.pipelineTags, pipelineTags));
  const libraries = codesOf(filter.libraries, (library) => table.codeOf('libraryName', library));
  if (libraries) conditions.push(CodeCondition.of(index, 'libraries', table.libraryName, index.libraries, libraries));
  const authors = codesOf(filter.authors, (author) => index.authors.keyOf(author));
  if (authors) conditions.push(authorCondition(index, authors));
  const tags = codesOf(filter.tags, (tag) => table.codeOf('tag', tag));
  // An unknown tag is a condition no row meets: code -1 lists no rows.
  if (tags) conditions.push(...tags.map((tag) => new TagCondition(index, tag)));
  const providers = codesOf(filter.providers, (provider) => table.codeOf('provider', provider));
  if (providers || filter.providerStatus?.length) {
    conditions.push(new ProviderCondition(index, providers, providerStatusCodes(index, filter)));
  }

  // An empty search is a substring of every id, so it adds no condition.
  if (filter.search != null && filter.search !== '') {
    const needle = filter.search.toLowerCase();
    conditions.push(new RowSetCondition(index, `search:${needle}`, index.rowsWithIdContaining(needle)));
  }
  if (filter.gated != null) {
    conditions.push(CodeCondition.of(index, 'gated', table.gated, index.gated, filter.gated ? [1, 2] : [0]));
  }
  if (filter.quality != null) conditions.push(new QualityCondition(index, bar, filter.quality));
  return conditions;
}

/** Every spelling of the selected authors, tested on the author column; listed from the case-folded postings. */
function authorCondition(index: CatalogIndex, keys: readonly number[]): CodeCondition {
  const { keyOfCode, postings } = index.authors;
  const makeMask = () => {
    const mask = new Uint8Array(keyOfCode.length);
    for (const key of keys) for (const code of index.authors.codesOf(key)) mask[code] = 1;
    return mask;
  };
  const sorted = [...keys].sort((a, b) => a - b);
  return new CodeCondition(
    index,
    'authors',
    `authors:${sorted.join(',')}`,
    index.table.author,
    makeMask,
    sorted.map((key) => postings.rowsOf(key)),
  );
}

function checkedMinimum(value: number | null | undefined, argument: string): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0) {
    throw new QueryInputError('BAD_USER_INPUT', argument, `${argument} must be a non-negative number, got ${value}`);
  }
  return value;
}

/**
 * The distinct codes of the listed values; null for `[]` or null, which both mean "no condition": an empty list is an
 * unset UI control far more often than a wish for nothing.
 */
function codesOf(values: readonly string[] | null | undefined, codeOf: (value: string) => number): number[] | null {
  if (values == null || values.length === 0) return null;
  return [...new Set(values.map(codeOf))];
}
