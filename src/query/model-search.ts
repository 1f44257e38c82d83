import { compareIds } from '../catalog/index.ts';
import { catalogIndex, type CatalogIndex } from './catalog-index.ts';
import type { Condition } from './conditions.ts';
import { decodeCursor } from './cursor.ts';
import { facetRequestKey } from './facet-cache.ts';
import { facetCounts } from './facet-counts.ts';
import { facetDimension } from './facet-dimensions.ts';
import { countRows, matchRows, type MatchSet } from './match-rows.ts';
import { compileFilter, providerStatusCodes, validateFilter } from './model-filter.ts';
import { validateOrder, type OrderKey } from './model-order.ts';
import {
  DEFAULT_FACET_SIZE,
  DEFAULT_ORDER,
  DEFAULT_PAGE_SIZE,
  MAX_FACET_SIZE,
  MAX_PAGE_SIZE,
  type CatalogView,
  type FacetCount,
  type FacetName,
  type ModelEdge,
  type ModelFilter,
  type ModelOrder,
  type ModelPage,
  type ModelPageRequest,
  type PageInfo,
  type QualityBar,
} from './model-query.ts';
import { pageKey } from './page-cache.ts';
import { connectionPage } from './page-edges.ts';
import { selectPage } from './page-select.ts';
import { QueryInputError } from './query-input-error.ts';

/**
 * One `models` request over one snapshot: its arguments are checked when it is made, and each answer (the page, the
 * total, each facet) is computed only when first asked for, so a query pays for the fields it selects.
 */
export class ModelSearch {
  readonly #view: CatalogView;
  readonly #bar: QualityBar;
  readonly #first: number;
  readonly #order: ModelOrder;
  readonly #orderKey: OrderKey;
  readonly #afterPosition: number | null;
  readonly #filter: ModelFilter | null | undefined;
  readonly #index: CatalogIndex;
  /** Compiled when first needed: a page the snapshot has kept needs none. */
  #compiled: Condition[] | null = null;
  /** The mapping statuses the provider condition and the `providers` facet consider. */
  #providerStatuses: number[] | null = null;
  #page: ModelPage | null = null;
  #totalCount: number | null = null;
  /** Rows meeting every condition, shared by the page and the facets whose condition is absent. */
  #matches: { set: MatchSet | null; generation: number } | null = null;
  #facetRequestKey: string | null = null;

  /**
   * @throws {QueryInputError} `BAD_USER_INPUT` for `first` outside 1..{@link MAX_PAGE_SIZE}, a negative minimum or an
   *   unknown order, `afterId` outside the id order or beside `after`; `STALE_CURSOR` for a cursor from another
   *   snapshot; `INVALID_CURSOR` for a cursor of another order or one this API never issued.
   */
  constructor(view: CatalogView, request: ModelPageRequest, bar: QualityBar) {
    this.#view = view;
    this.#bar = bar;
    this.#first = checkedSize(request.first, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    this.#order = request.orderBy ?? DEFAULT_ORDER;
    this.#orderKey = validateOrder(this.#order);
    validateFilter(request.filter);
    this.#afterPosition =
      request.afterId != null
        ? positionAfterId(view, this.#order, request.afterId, request.after)
        : request.after == null
          ? null
          : resumePosition(view, this.#orderKey, request.after);
    this.#filter = request.filter;
    this.#index = catalogIndex(view.models);
  }

  get #conditions(): Condition[] {
    this.#compiled ??= compileFilter(this.#index, this.#filter, this.#bar);
    return this.#compiled;
  }

  get totalCount(): number {
    this.#totalCount ??=
      this.#page?.totalCount ?? this.#currentMatches()?.count ?? countRows(this.#index, this.#conditions);
    return this.#totalCount;
  }

  get page(): ModelPage {
    this.#page ??= this.#selectPage();
    return this.#page;
  }

  /**
   * Selects the page now rather than when first read. A caller that will read both calls this first: the page's
   * matches give `totalCount`, which read first would count them in a pass of its own.
   */
  selectPage(): void {
    this.#page ??= this.#selectPage();
  }

  get edges(): ModelEdge[] {
    return this.page.edges;
  }

  get nodes(): ModelPage['nodes'] {
    return this.page.nodes;
  }

  get pageInfo(): PageInfo {
    return this.page.pageInfo;
  }

  /**
   * The `first` (default {@link DEFAULT_FACET_SIZE}) values of `facet` with the most models, counted over the models
   * that meet every condition of the filter except the facet's own.
   *
   * @throws {QueryInputError} `BAD_USER_INPUT` for `first` outside 1..{@link MAX_FACET_SIZE}.
   */
  facet(facet: FacetName, first?: number | null): readonly FacetCount[] {
    const size = checkedSize(first, DEFAULT_FACET_SIZE, MAX_FACET_SIZE);
    this.#facetRequestKey ??= facetRequestKey(this.#filter, this.#bar);
    return this.#index.facets.counts(this.#facetRequestKey, facet, size, () => this.#countFacet(facet, size));
  }

  #countFacet(facet: FacetName, size: number): FacetCount[] {
    this.#providerStatuses ??= providerStatusCodes(this.#index, this.#filter);
    const dimension = facetDimension(this.#index, facet, this.#bar, this.#providerStatuses);
    const others = this.#conditions.filter((condition) => condition.facet !== facet);
    const matches =
      others.length === this.#conditions.length ? this.#allMatches() : matchRows(this.#index, others, 'facet');
    return facetCounts(matches, dimension, size, this.#index.size);
  }

  #allMatches(): MatchSet | null {
    const current = this.#currentMatches();
    if (current !== undefined) return current;
    const set = matchRows(this.#index, this.#conditions, 'all');
    this.#matches = { set, generation: this.#index.generation };
    return set;
  }

  /** The matches computed earlier, unless another search has since rewritten the scratch arrays they live in. */
  #currentMatches(): MatchSet | null | undefined {
    return this.#matches?.generation === this.#index.generation ? this.#matches.set : undefined;
  }

  #selectPage(): ModelPage {
    const order = this.#index.order(this.#order.field, this.#order.direction);
    const key = pageKey(this.#filter, this.#bar, this.#orderKey, this.#afterPosition, this.#first);
    const slice = this.#index.pages.slice(key, () =>
      selectPage(this.#index, this.#conditions, this.#allMatches(), order, this.#afterPosition, this.#first),
    );
    const encode = this.#index.cursorEncoder(this.#view.snapshotId, this.#orderKey);
    return connectionPage(slice, order, encode, (row) => this.#index.sharedModel(row));
  }
}

function checkedSize(first: number | null | undefined, fallback: number, max: number): number {
  if (first == null) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new QueryInputError('BAD_USER_INPUT', 'first', `first must be between 1 and ${max}, got ${first}`);
  }
  return first;
}

function resumePosition(view: CatalogView, orderKey: OrderKey, after: string): number {
  const cursor = decodeCursor(after);
  if (cursor.snapshotId !== view.snapshotId) {
    throw new QueryInputError(
      'STALE_CURSOR',
      'after',
      `cursor belongs to catalog snapshot ${cursor.snapshotId}; the catalog is now ${view.snapshotId}; ` +
        'start again without `after`',
    );
  }
  if (cursor.orderKey !== orderKey) {
    throw new QueryInputError(
      'INVALID_CURSOR',
      'after',
      `cursor was issued for order ${cursor.orderKey.replace(':', ' ')}, not ${orderKey.replace(':', ' ')}; ` +
        'use the same orderBy or start again without `after`',
    );
  }
  if (cursor.position >= view.models.size) {
    throw new QueryInputError('INVALID_CURSOR', 'after', `cursor points past the end of snapshot ${view.snapshotId}`);
  }
  return cursor.position;
}

/**
 * Where a page after `afterId` resumes in the id order: after the last id at or before it (ascending), or at or after
 * it (descending). The id need not be in the snapshot. Null when the page starts at the first position.
 */
function positionAfterId(
  view: CatalogView,
  order: ModelOrder,
  afterId: string,
  after: string | null | undefined,
): number | null {
  if (after != null) {
    throw new QueryInputError('BAD_USER_INPUT', 'afterId', 'give after or afterId, not both');
  }
  if (order.field !== 'ID') {
    throw new QueryInputError('BAD_USER_INPUT', 'afterId', `afterId resumes the ID order only, not ${order.field}`);
  }
  const { ids, size } = view.models;
  const ascending = order.direction === 'ASC';
  // Rows are in id order: the count of ids at or before `afterId` (ascending), or strictly before it (descending).
  let low = 0;
  let high = size;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const comparison = compareIds(ids[middle]!, afterId);
    if (comparison < 0 || (ascending && comparison === 0)) low = middle + 1;
    else high = middle;
  }
  const position = ascending ? low - 1 : size - low - 1;
  return position < 0 ? null : position;
}
