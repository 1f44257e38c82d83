import { PROVIDER_NAME } from '../catalog/index.ts';
import { MAX_PAGE_SIZE, type ModelFilter } from '../query/index.ts';

/** A refused query parameter: answered with 400 and OpenAI's error shape, naming the parameter. */
export class ListRequestError extends Error {
  override readonly name = 'ListRequestError';
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** What `GET /v1/models` was asked: the filter, and a page (`limit`, `after`) or, without `limit`, the whole list. */
export interface ListRequest {
  filter: ModelFilter;
  /** Null: every matching model, in one streamed body. */
  limit: number | null;
  /** The id the page starts after, in id order (OpenAI's cursor is the last id of the page before). */
  after: string | null;
}

/** The parameters `GET /v1/models` takes: the list is filtered by the engine alone, never here. */
export const LIST_PARAMETERS = ['provider', 'task', 'min_downloads', 'license', 'limit', 'after'] as const;
type ListParameter = (typeof LIST_PARAMETERS)[number];

/** Values one list parameter (`provider`, `task`) may hold, repeated or comma-separated: as many as a filter allows. */
const MAX_VALUES = 100;
/** Longest task name or `after` id taken: the Hub's ids are at most 96 characters either side of the slash. */
const MAX_VALUE_LENGTH = 200;
const TASK_NAME = /^[a-z0-9][a-z0-9-]*$/;
/** License ids as the Hub's `license:<id>` tags spell them (`apache-2.0`, `llama3.1`, `openrail++`). */
const LICENSE_ID = /^[a-z0-9][a-z0-9.+-]*$/;

/** Reads and checks the query string before anything runs; the first problem is a `ListRequestError`. */
export function parseListRequest(params: URLSearchParams): ListRequest {
  for (const name of new Set(params.keys())) {
    if (!(LIST_PARAMETERS as readonly string[]).includes(name)) {
      throw new ListRequestError(name, `Unknown parameter "${shown(name)}"; accepted: ${LIST_PARAMETERS.join(', ')}`);
    }
  }
  const filter: ModelFilter = {};
  const providers = listOf(params, 'provider', PROVIDER_NAME, 'a provider name such as hf-inference');
  if (providers) filter.providers = providers;
  const tasks = listOf(params, 'task', TASK_NAME, 'a pipeline tag such as text-generation');
  if (tasks) filter.pipelineTags = tasks;
  const licenses = listOf(params, 'license', LICENSE_ID, 'a license id such as apache-2.0');
  if (licenses) filter.licenses = licenses;
  const minDownloads = integerOf(params, 'min_downloads', 0, Number.MAX_SAFE_INTEGER);
  if (minDownloads !== null) filter.minDownloads = minDownloads;
  return { filter, limit: integerOf(params, 'limit', 1, MAX_PAGE_SIZE), after: afterOf(params) };
}

function listOf(params: URLSearchParams, name: ListParameter, pattern: RegExp, what: string): string[] | null {
  const values = params.getAll(name).flatMap((value) => value.split(','));
  if (values.length === 0) return null;
  if (values.length > MAX_VALUES) throw new ListRequestError(name, `${name} lists more than ${MAX_VALUES} values`);
  for (const value of values) {
    if (value.length > MAX_VALUE_LENGTH || !pattern.test(value)) {
      throw new ListRequestError(name, `${name} must be ${what} or a comma list of them, got "${shown(value)}"`);
    }
  }
  return [...new Set(values)];
}

function integerOf(params: URLSearchParams, name: ListParameter, min: number, max: number): number | null {
  const value = single(params, name);
  if (value === null) return null;
  const parsed = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw new ListRequestError(name, `${name} must be a whole number from ${min} to ${max}, got "${shown(value)}"`);
  }
  return parsed;
}

function afterOf(params: URLSearchParams): string | null {
  const after = single(params, 'after');
  if (after !== null && (after.length === 0 || after.length > MAX_VALUE_LENGTH)) {
    throw new ListRequestError('after', `after must be a model id of 1 to ${MAX_VALUE_LENGTH} characters`);
  }
  return after;
}

function single(params: URLSearchParams, name: ListParameter): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw new ListRequestError(name, `${name} is given ${values.length} times; give it once`);
  return values[0] ?? null;
}

/** A value as an error message quotes it: cut short, so a long parameter does not come back whole. */
const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 60)}…` : value);
