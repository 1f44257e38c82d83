import type { Model } from '../catalog/index.ts';
import type { ModelFilter, QualityBar } from './model-query.ts';
import { QueryInputError } from './query-input-error.ts';

/**
 * Whether a model clears the provider's quality bar: strictly more downloads and likes
 * than the bar, and public.
 */
export function passesQualityBar(model: Model, bar: QualityBar): boolean {
  return model.downloads > bar.minDownloads && model.likes > bar.minLikes && !model.private;
}

/** A filter checked and turned into one predicate, plus a key that equal filters share. */
export interface CompiledFilter {
  readonly matches: (model: Model) => boolean;
  /** Same key ⇔ same matching set on any snapshot; used to cache counts. */
  readonly key: string;
}

type Predicate = (model: Model) => boolean;

/**
 * Validates `filter` and builds its predicate once per request, so the per-model work in
 * a scan of a large snapshot is a few comparisons and Set lookups.
 */
export function compileModelFilter(filter: ModelFilter | null | undefined, bar: QualityBar): CompiledFilter {
  const predicates: Predicate[] = [];
  // Normalized conditions, in a fixed order, for the cache key.
  const normalized: Record<string, unknown> = {};

  const minDownloads = checkedMinimum(filter?.minDownloads, 'filter.minDownloads');
  if (minDownloads !== null) {
    normalized.minDownloads = minDownloads;
    predicates.push((model) => model.downloads >= minDownloads);
  }
  const minLikes = checkedMinimum(filter?.minLikes, 'filter.minLikes');
  if (minLikes !== null) {
    normalized.minLikes = minLikes;
    predicates.push((model) => model.likes >= minLikes);
  }

  const pipelineTags = valueSet(filter?.pipelineTags);
  if (pipelineTags) {
    normalized.pipelineTags = [...pipelineTags].sort();
    predicates.push((model) => model.pipelineTag !== null && pipelineTags.has(model.pipelineTag));
  }
  const authors = valueSet(filter?.authors?.map((author) => author.toLowerCase()));
  if (authors) {
    normalized.authors = [...authors].sort();
    predicates.push((model) => model.author !== null && authors.has(model.author.toLowerCase()));
  }
  const libraries = valueSet(filter?.libraries);
  if (libraries) {
    normalized.libraries = [...libraries].sort();
    predicates.push((model) => model.libraryName !== null && libraries.has(model.libraryName));
  }
  const tags = valueSet(filter?.tags);
  if (tags) {
    const required = [...tags].sort();
    normalized.tags = required;
    // A model carries a handful of tags and a filter asks for one or two: `includes` beats building a Set per model.
    predicates.push((model) => required.every((tag) => model.tags.includes(tag)));
  }

  // An empty search is a substring of every id, so it adds no condition.
  if (filter?.search != null && filter.search !== '') {
    const needle = filter.search.toLowerCase();
    normalized.search = needle;
    predicates.push((model) => model.id.toLowerCase().includes(needle));
  }
  if (filter?.gated != null) {
    const gated = filter.gated;
    normalized.gated = gated;
    predicates.push((model) => (model.gated !== null) === gated);
  }
  if (filter?.quality != null) {
    const quality = filter.quality;
    const { minDownloads: barDownloads, minLikes: barLikes } = bar;
    // The bar is part of the key: the same filter under another bar matches other models.
    normalized.quality = { quality, minDownloads: barDownloads, minLikes: barLikes };
    predicates.push((model) => passesQualityBar(model, bar) === quality);
  }

  return { matches: combine(predicates), key: JSON.stringify(normalized) };
}

function checkedMinimum(value: number | null | undefined, argument: string): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0) {
    throw new QueryInputError('BAD_USER_INPUT', argument, `${argument} must be a non-negative number, got ${value}`);
  }
  return value;
}

/**
 * `[]` and null both mean "no condition": an empty list is an unset UI control far more often than a wish for nothing.
 */
function valueSet(values: readonly string[] | null | undefined): ReadonlySet<string> | null {
  return values == null || values.length === 0 ? null : new Set(values);
}

function combine(predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 0) return () => true;
  if (predicates.length === 1) return predicates[0]!;
  return (model) => {
    for (const predicate of predicates) if (!predicate(model)) return false;
    return true;
  };
}
