import { BrowsedModelsDocument, type BrowsedModelsQuery } from '../../../schema/generated/graphql.ts';
import { ApiError, request } from './api.ts';
import { byId } from './dom.ts';
import { selectedValues, showFacets, type FacetPick } from './facets.ts';
import { EMPTY_FILTER, filterStateFrom, queryParamsOf, variablesOf, type FilterState } from './filter-state.ts';
import { formatCount } from './format.ts';
import { modelTable } from './model-table.ts';

/**
 * The model browser: the filter form, one page of models, and paging by cursor. The API pages forward only, so the
 * cursor that opened each visited page is kept to go back.
 */
export class ModelBrowser {
  private readonly form = byId('filters', HTMLFormElement);
  private readonly summary = byId('browser-summary');
  private readonly error = byId('browser-error');
  private readonly tableBox = byId('models-box');
  private readonly previous = byId('previous-page', HTMLButtonElement);
  private readonly next = byId('next-page', HTMLButtonElement);
  private state: FilterState = filterStateFrom(new URLSearchParams(location.search));
  private cursors: (string | null)[] = [null];
  private endCursor: string | null = null;
  private inFlight: AbortController | null = null;
  private outdated = false;

  start(): void {
    this.writeForm(this.state);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.form.reportValidity()) this.apply(filterStateFrom(new FormData(this.form)));
    });
    this.form.addEventListener('reset', (event) => {
      event.preventDefault();
      this.writeForm(EMPTY_FILTER);
      this.apply(EMPTY_FILTER);
    });
    for (const select of this.form.querySelectorAll('select')) {
      select.addEventListener('change', () => this.form.requestSubmit());
    }
    this.next.addEventListener('click', () => this.turnPage(1));
    this.previous.addEventListener('click', () => this.turnPage(-1));
    void this.load();
  }

  /**
   * A new snapshot was published: the first page is loaded again from it. A later page stays as it is until the
   * person pages, when its cursor, bound to the old snapshot, sends them back to the first page with a note.
   */
  followNewSnapshot(): void {
    if (this.cursors.length > 1) return;
    // A load in flight may have been answered from the old snapshot; it runs again once done, rather than cut short.
    if (this.inFlight === null) void this.load();
    else this.outdated = true;
  }

  private apply(state: FilterState): void {
    this.state = state;
    const query = queryParamsOf(state).toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    this.cursors = [null];
    void this.load();
  }

  private turnPage(step: 1 | -1): void {
    if (step === 1 && this.endCursor !== null) this.cursors.push(this.endCursor);
    if (step === -1 && this.cursors.length > 1) this.cursors.pop();
    void this.load();
  }

  private async load(): Promise<void> {
    this.inFlight?.abort();
    const controller = (this.inFlight = new AbortController());
    this.tableBox.setAttribute('aria-busy', 'true');
    try {
      const after = this.cursors.at(-1) ?? null;
      const result = await request(BrowsedModelsDocument, variablesOf(this.state, after), controller.signal);
      this.show(result.models);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.fail(error);
    } finally {
      if (this.inFlight === controller) this.settle();
    }
  }

  private settle(): void {
    this.tableBox.removeAttribute('aria-busy');
    this.inFlight = null;
    if (this.outdated) {
      this.outdated = false;
      void this.load();
    }
  }

  private show(models: BrowsedModelsQuery['models']): void {
    this.error.hidden = true;
    const page = this.cursors.length;
    const first = (page - 1) * this.state.pageSize + 1;
    const last = first + models.nodes.length - 1;
    const range = `${formatCount(first)}–${formatCount(last)}`;
    this.summary.textContent =
      models.totalCount === 0
        ? 'No model matches these filters.'
        : `${formatCount(models.totalCount)} models match; page ${page} shows ${range}.`;
    this.tableBox.replaceChildren(modelTable(`Models ${range} of ${formatCount(models.totalCount)}`, models.nodes));
    this.endCursor = models.pageInfo.endCursor ?? null;
    this.setPagers(page > 1, models.pageInfo.hasNextPage);
    showFacets(this.form, models.facets, (choice) => this.pickFacet(choice));
  }

  /** A facet value toggles in a list field (any of its values matches) and replaces the choice of a select. */
  private pickFacet({ field, value }: FacetPick): void {
    const control = this.form.elements.namedItem(field);
    if (control instanceof HTMLSelectElement) {
      control.value = control.value === value ? '' : value;
    } else if (control instanceof HTMLInputElement) {
      const values = selectedValues(control);
      control.value = (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]).join(', ');
    }
    this.form.requestSubmit();
  }

  /** Enables the page buttons; focus stays on a button that is still usable, else moves to the other one. */
  private setPagers(hasPrevious: boolean, hasNext: boolean): void {
    const focused = document.activeElement;
    this.previous.disabled = !hasPrevious;
    this.next.disabled = !hasNext;
    if (focused === this.previous && !hasPrevious && hasNext) this.next.focus();
    if (focused === this.next && !hasNext && hasPrevious) this.previous.focus();
  }

  private fail(error: unknown): void {
    if (error instanceof ApiError && error.code === 'STALE_CURSOR' && this.cursors.length > 1) {
      // The catalog was refreshed while paging: its cursors no longer apply, so start over on the new snapshot.
      this.cursors = [null];
      void this.load().then(() => this.showError('The catalog was refreshed while you paged; back to its first page.'));
      return;
    }
    this.showError(error instanceof Error ? error.message : String(error));
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  private writeForm(state: FilterState): void {
    for (const [name, value] of Object.entries(state)) {
      const field = this.form.elements.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = String(value);
    }
  }
}
