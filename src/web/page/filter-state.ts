import type {
  BrowsedModelsQueryVariables,
  Modality,
  ModelFilter,
  ModelOrder,
} from '../../../schema/generated/graphql.ts';

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

/**
 * The API's parameter-size buckets (its `parameterSizes` facet), each as the bounds of the filter that selects it:
 * from its lower end up to one below the next one's.
 */
const SIZES = {
  '<1B': [null, 1e9 - 1],
  '1B-3B': [1e9, 3e9 - 1],
  '3B-10B': [3e9, 1e10 - 1],
  '10B-30B': [1e10, 3e10 - 1],
  '30B-100B': [3e10, 1e11 - 1],
  '100B+': [1e11, null],
} as const satisfies Record<string, readonly [number | null, number | null]>;

/** Modalities by the value the `inputModalities`/`outputModalities` facets give, as the filter's enum names them. */
const MODALITIES = {
  text: 'TEXT',
  image: 'IMAGE',
  audio: 'AUDIO',
  video: 'VIDEO',
  tabular: 'TABULAR',
  '3d': 'THREE_D',
  embedding: 'EMBEDDING',
  scores: 'SCORES',
} as const satisfies Record<string, Modality>;

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
  license: string;
  language: string;
  size: '' | keyof typeof SIZES;
  takes: '' | keyof typeof MODALITIES;
  gives: '' | keyof typeof MODALITIES;
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
  license: '',
  language: '',
  size: '',
  takes: '',
  gives: '',
  order: 'downloads',
  pageSize: DEFAULT_PAGE_SIZE,
};

const TEXT_FIELDS = ['search', 'task', 'library', 'author', 'provider', 'license', 'language'] as const;
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
  state.size = choice(values.get('size'), SIZES);
  state.takes = choice(values.get('takes'), MODALITIES);
  state.gives = choice(values.get('gives'), MODALITIES);
  const order = values.get('order');
  if (typeof order === 'string' && Object.hasOwn(ORDERS, order)) state.order = order as OrderName;
  const pageSize = Number(values.get('pageSize'));
  if ((PAGE_SIZES as readonly number[]).includes(pageSize)) state.pageSize = pageSize;
  return state;
}

const triState = (value: unknown): '' | 'true' | 'false' => (value === 'true' || value === 'false' ? value : '');

/** One of a table's keys, or '' for anything else. */
const choice = <K extends string>(value: unknown, table: Record<K, unknown>): '' | K =>
  typeof value === 'string' && Object.hasOwn(table, value) ? (value as K) : '';

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
  const [licenses, languages] = [list(state.license), list(state.language)];
  if (licenses.length > 0) filter.licenses = licenses;
  if (languages.length > 0) filter.languages = languages;
  if (state.size) {
    const [least, most] = SIZES[state.size];
    if (least !== null) filter.minParameters = least;
    if (most !== null) filter.maxParameters = most;
  }
  if (state.takes) filter.inputModalities = [MODALITIES[state.takes]];
  if (state.gives) filter.outputModalities = [MODALITIES[state.gives]];
  return { filter, orderBy: { ...ORDERS[state.order] }, first: state.pageSize, after };
}

/** Several values are typed comma-separated; any of them matches. */
const list = (text: string): string[] =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
