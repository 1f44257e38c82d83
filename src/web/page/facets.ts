import type { BrowsedModelsQuery } from '../../../schema/generated/graphql.ts';
import { h } from './dom.ts';
import { formatCount } from './format.ts';

/** Counts per value of the filterable fields under the current filter (`ModelConnection.facets`). */
export type Facets = BrowsedModelsQuery['models']['facets'];

type FacetName = Exclude<keyof Facets, '__typename'>;

/** A value of a facet a person picked: the form field it belongs to and the value. */
export interface FacetPick {
  field: string;
  value: string;
}

/**
 * Which form field each facet sits beside. Task, library, author, provider, license and language take lists; gated,
 * quality, size and the modalities one.
 */
const FIELD_OF: Record<FacetName, string> = {
  pipelineTags: 'task',
  libraries: 'library',
  authors: 'author',
  providers: 'provider',
  gated: 'gated',
  quality: 'quality',
  licenses: 'license',
  languages: 'language',
  parameterSizes: 'size',
  inputModalities: 'takes',
  outputModalities: 'gives',
};

/**
 * Shows, under each filter field, its facet's top values with their counts as buttons that apply the value. The API
 * counts each facet without the field's own condition, so the alternatives to a choice stay listed beside it.
 */
export function showFacets(form: HTMLFormElement, facets: Facets, pick: (choice: FacetPick) => void): void {
  for (const [facet, field] of Object.entries(FIELD_OF) as [FacetName, string][]) {
    const control = form.elements.namedItem(field);
    if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) continue;
    const box = control.closest('.field');
    if (!(box instanceof HTMLElement)) continue;
    const counts = facets[facet];
    // A provider filter helps only when the catalog's models are served by more than one provider.
    if (field === 'provider') box.hidden = counts.length < 2 && control.value === '';
    box.querySelector('.facets')?.remove();
    if (counts.length > 0) box.append(facetList(control, counts, (value) => pick({ field, value })));
  }
}

function facetList(
  control: HTMLInputElement | HTMLSelectElement,
  counts: Facets[FacetName],
  pick: (value: string) => void,
): HTMLElement {
  const label = control.labels?.[0]?.textContent ?? control.name;
  const chosen = new Set(selectedValues(control));
  return h(
    'ul',
    { class: 'facets', 'aria-label': `${label}: matching models per value` },
    ...counts.map(({ value, count }) => {
      const button = h(
        'button',
        { type: 'button', class: 'facet', 'data-value': value, 'aria-pressed': String(chosen.has(value)) },
        h('span', { class: 'facet-value' }, valueText(control, value)),
        ' ',
        h('span', { class: 'facet-count' }, formatCount(count)),
      );
      button.addEventListener('click', () => pick(value));
      return h('li', {}, button);
    }),
  );
}

/** The values a field holds now: a comma list for text inputs, the choice of a select. */
export function selectedValues(control: HTMLInputElement | HTMLSelectElement): string[] {
  return control.value
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
}

/** How a value reads: a select's own wording of it (`true` → "Gated"), else the value itself. */
function valueText(control: HTMLInputElement | HTMLSelectElement, value: string): string {
  if (!(control instanceof HTMLSelectElement)) return value;
  return [...control.options].find((option) => option.value === value)?.textContent ?? value;
}
