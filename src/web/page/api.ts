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

/** Runs one of the checked-in operations against hubcat's own `/graphql`; throws `ApiError` on any error. */
export async function request<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  let query = printed.get(document);
  if (query === undefined) printed.set(document, (query = print(document)));
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as GraphQLResponse<TData>;
  const error = body.errors?.[0];
  if (error)
    throw new ApiError(error.message, typeof error.extensions?.code === 'string' ? error.extensions.code : null);
  if (!response.ok || body.data == null) throw new ApiError(`the API answered HTTP ${response.status}`, null);
  return body.data;
}
