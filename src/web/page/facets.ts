import { h } from './dom.ts';

interface FacetCount {
  value: string;
  count: number;
}

/** Counts per value of the filterable fields, under the current filter (`ModelConnection.facets`). */
type Facets = Partial<Record<'pipelineTags' | 'libraries' | 'authors', readonly FacetCount[]>>;

const SUGGESTION_LISTS = { pipelineTags: 'task-options', libraries: 'library-options', authors: 'author-options' };

// The most values a suggestion list offers; a datalist of thousands of authors helps no one.
const MAX_SUGGESTIONS = 50;

/**
 * The facet counts of a result, if its operation asked for them. The schema has no `facets` yet; once
 * `ModelConnection.facets` lands, selecting it in `FilteredModels` is all it takes for the counts to appear.
 */
export function facetsOf(models: object): Facets | null {
  return 'facets' in models && typeof models.facets === 'object' ? models.facets : null;
}

/** Offers each field's values, with their counts, as suggestions of its input. */
export function showFacets(facets: Facets | null): void {
  if (facets === null) return;
  for (const [field, listId] of Object.entries(SUGGESTION_LISTS)) {
    const list = document.getElementById(listId);
    const counts = facets[field as keyof Facets];
    if (list === null || counts === undefined) continue;
    list.replaceChildren(
      ...counts
        .slice(0, MAX_SUGGESTIONS)
        .map(({ value, count }) => h('option', { value, label: `${value} (${count.toLocaleString()})` })),
    );
  }
}
