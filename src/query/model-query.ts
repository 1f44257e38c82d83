import type { Modality, Model, ModelTable, ProviderStatus } from '../catalog/index.ts';

export const MODEL_ORDER_FIELDS = [
  'DOWNLOADS',
  'LIKES',
  'TRENDING_SCORE',
  'CREATED_AT',
  'LAST_MODIFIED',
  'ID',
] as const;
export type ModelOrderField = (typeof MODEL_ORDER_FIELDS)[number];
export const ORDER_DIRECTIONS = ['ASC', 'DESC'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

/** Sort by one field; ties are always broken by id ascending, and missing values sort last in both directions. */
export interface ModelOrder {
  field: ModelOrderField;
  direction: OrderDirection;
}

/**
 * Conditions a model must all meet; a null or absent condition is not applied.
 *
 * - `minDownloads`, `minLikes`: at least this many (inclusive); negative is refused.
 * - `pipelineTags`, `libraries`: the model's value is one of these, exactly.
 * - `authors`: the model's author is one of these, ignoring case.
 * - `tags`: the model carries every one of these.
 * - An empty list (`[]`) is treated like null: no condition, not "match nothing".
 * - `search`: case-insensitive substring of the id (`org/name`); `''` matches every model.
 * - `gated`: true → gated `auto` or `manual`; false → not gated.
 * - `quality`: true → passes the quality bar; false → does not.
 * - `providers`: the model has a live mapping of any of these inference providers.
 * - `providerStatus`: narrows the mappings `providers` considers to these statuses (default `live`); alone, the model
 *   has a mapping of any provider in one of them. One mapping must meet both: provider and status.
 * - `licenses`: the model's license is one of these, exactly. `languages`: it names any of these languages.
 * - `minParameters`, `maxParameters`: its parameter count lies within (inclusive); a model without one meets neither;
 *   negative, or a least above the greatest, is refused.
 * - `baseModel`: it derives from this model id (exactly), by any relation.
 * - `inputModalities`, `outputModalities`: it takes (gives) every one of these.
 */
export interface ModelFilter {
  minDownloads?: number | null;
  minLikes?: number | null;
  pipelineTags?: string[] | null;
  authors?: string[] | null;
  libraries?: string[] | null;
  tags?: string[] | null;
  search?: string | null;
  gated?: boolean | null;
  quality?: boolean | null;
  providers?: string[] | null;
  providerStatus?: ProviderStatus[] | null;
  licenses?: string[] | null;
  languages?: string[] | null;
  minParameters?: number | null;
  maxParameters?: number | null;
  baseModel?: string | null;
  inputModalities?: Modality[] | null;
  outputModalities?: Modality[] | null;
}

/**
 * A model passes when downloads > minDownloads AND likes > minLikes AND it is not private, and it meets each optional
 * condition that is set: a license (`requireLicense`, any but none and `other`), one of `licenses`, a parameter count
 * within `minParameters`..`maxParameters` (inclusive; a model without a count fails either).
 */
export interface QualityBar {
  minDownloads: number;
  minLikes: number;
  requireLicense?: boolean;
  licenses?: readonly string[] | null;
  minParameters?: number | null;
  maxParameters?: number | null;
}

/** One immutable catalog snapshot: its id (which cursors carry) and its models. */
export interface CatalogView {
  readonly snapshotId: string;
  readonly models: ModelTable;
}

export interface ModelPageRequest {
  filter?: ModelFilter | null;
  orderBy?: ModelOrder | null;
  first?: number | null;
  after?: string | null;
  /**
   * In id order only, instead of `after`: the page starts after this id, which need not be in the snapshot (a keyset
   * cursor, as OpenAI's list takes: a client paging across a snapshot change resumes at the next id).
   */
  afterId?: string | null;
}

export interface ModelEdge {
  cursor: string;
  node: Model;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * A Relay connection page; `nodes` is `edges.map(e => e.node)` for clients that need no cursors. Its models are
 * frozen and shared with other pages of the snapshot.
 */
export interface ModelPage {
  edges: ModelEdge[];
  nodes: Model[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The facets a filter sidebar shows. Each counts, per value, the models that meet every other condition of the filter
 * but not the facet's own, so the alternatives to a selection stay visible.
 */
export const FACET_NAMES = [
  'pipelineTags',
  'libraries',
  'authors',
  'tags',
  'providers',
  'gated',
  'quality',
  'licenses',
  'languages',
  'inputModalities',
  'outputModalities',
  'parameterSizes',
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/** How many models one facet value has; `gated` and `quality` have the values `true` and `false`. */
export interface FacetCount {
  value: string;
  count: number;
}

export const DEFAULT_FACET_SIZE = 50;
/** As many values as a page has models: a sidebar shows a few dozen, and each costs a string in the response. */
export const MAX_FACET_SIZE = 500;

export const DEFAULT_ORDER: ModelOrder = Object.freeze({ field: 'DOWNLOADS', direction: 'DESC' });
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;
