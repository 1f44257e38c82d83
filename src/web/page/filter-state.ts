import type { BrowsedModelsQueryVariables, ModelFilter, ModelOrder } from '../../../schema/generated/graphql.ts';

/** Orders the browser offers, by the name they carry in the form and the address bar. */
const ORDERS = {
  downloads: { field: 'DOWNLOADS', direction: 'DESC' },
  likes: { field: 'LIKES', direction: 'DESC' },
  trending: { field: 'TRENDING_SCORE', direction: 'DESC' },
  newest: { field: 'CREATED_AT', direction: 'DESC' },
  updated: { field: 'LAST_MODIFIED', direction: 'DESC' },
  id: { field: 'ID', direction: 'ASC' },
} as const satisfies Record<string, ModelOrder>;

type OrderName = keyof typeof ORDERS;

const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

/** The model browser's filter as the form and the address bar hold it, as text; `variablesOf` makes it a query. */
export interface FilterState {
  search: string;
  task: string;
  library: string;
  author: string;
  provider: string;
  minDownloads: string;
  minLikes: string;
  gated: '' | 'true' | 'false';
  quality: '' | 'true' | 'false';
  order: OrderName;
  pageSize: number;
}

export const EMPTY_FILTER: FilterState = {
  search: '',
  task: '',
  library: '',
  author: '',
  provider: '',
  minDownloads: '',
  minLikes: '',
  gated: '',
  quality: '',
  order: 'downloads',
  pageSize: DEFAULT_PAGE_SIZE,
};

const TEXT_FIELDS = ['search', 'task', 'library', 'author', 'provider'] as const;
const COUNT_FIELDS = ['minDownloads', 'minLikes'] as const;

/** Reads a state from form fields or query parameters (same names); unknown choices fall back to the defaults. */
export function filterStateFrom(values: { get(name: string): unknown }): FilterState {
  const state: FilterState = { ...EMPTY_FILTER };
  for (const field of TEXT_FIELDS) {
    const value = values.get(field);
    if (typeof value === 'string') state[field] = value.trim();
  }
  for (const field of COUNT_FIELDS) {
    const value = values.get(field);
    if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) state[field] = value.trim();
  }
  state.gated = triState(values.get('gated'));
  state.quality = triState(values.get('quality'));
  const order = values.get('order');
  if (typeof order === 'string' && Object.hasOwn(ORDERS, order)) state.order = order as OrderName;
  const pageSize = Number(values.get('pageSize'));
  if ((PAGE_SIZES as readonly number[]).includes(pageSize)) state.pageSize = pageSize;
  return state;
}

const triState = (value: unknown): '' | 'true' | 'false' => (value === 'true' || value === 'false' ? value : '');

/** The query parameters of a state, defaults left out, so a shared link names only what was chosen. */
export function queryParamsOf(state: FilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) {
    if (String(value) !== String(EMPTY_FILTER[name as keyof FilterState])) params.set(name, String(value));
  }
  return params;
}

/** The `BrowsedModels` variables of a state and a cursor. */
export function variablesOf(state: FilterState, after: string | null): BrowsedModelsQueryVariables {
  const filter: ModelFilter = {};
  if (state.search) filter.search = state.search;
  const [tasks, libraries, authors] = [list(state.task), list(state.library), list(state.author)];
  if (tasks.length > 0) filter.pipelineTags = tasks;
  if (libraries.length > 0) filter.libraries = libraries;
  if (authors.length > 0) filter.authors = authors;
  const providers = list(state.provider);
  if (providers.length > 0) filter.providers = providers;
  if (state.minDownloads) filter.minDownloads = Number(state.minDownloads);
  if (state.minLikes) filter.minLikes = Number(state.minLikes);
  if (state.gated) filter.gated = state.gated === 'true';
  if (state.quality) filter.quality = state.quality === 'true';
  return { filter, orderBy: { ...ORDERS[state.order] }, first: state.pageSize, after };
}

/** Several values are typed comma-separated; any of them matches. */
const list = (text: string): string[] =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
