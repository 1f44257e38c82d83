import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** A GraphQL error as the API reports it: its message and `extensions.code` (e.g. STALE_CURSOR). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

const printed = new WeakMap<object, string>();

/**
 * How a checked-in operation is named to the server: by the hash codegen gave it (a server that runs only its trusted
 * documents knows it by that), or by its text when it has none.
 */
export function operationOf(document: object): { extensions: { persistedQuery: object } } | { query: string } {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash === 'string') return { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
  let query = printed.get(document);
  if (query === undefined) printed.set(document, (query = print(document as Parameters<typeof print>[0])));
  return { query };
}

/** What the API answered: the data it could resolve (null fields where it could not), and the first error. */
export interface ApiAnswer<TData> {
  data: TData | null;
  error: ApiError | null;
}

/** Runs one of the checked-in operations against hubcat's own `/graphql`, keeping partial data beside an error. */
export async function answer<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  signal?: AbortSignal,
): Promise<ApiAnswer<TData>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ ...operationOf(document), variables }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as GraphQLResponse<TData>;
  const first = body.errors?.[0];
  const error = first
    ? new ApiError(first.message, typeof first.extensions?.code === 'string' ? first.extensions.code : null)
    : null;
  if (error === null && (!response.ok || body.data == null)) {
    return { data: null, error: new ApiError(`the API answered HTTP ${response.status}`, null) };
  }
  return { data: body.data ?? null, error };
}

/** Runs an operation and returns its data; throws `ApiError` on any error. */
export async function request<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  const { data, error } = await answer(document, variables, signal);
  if (error !== null || data === null) throw error ?? new ApiError('the API answered no data', null);
  return data;
}
