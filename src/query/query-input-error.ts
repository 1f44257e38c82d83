/** Why a query's arguments were refused; the GraphQL layer shows `code` as `extensions.code`. */
export type QueryInputErrorCode = 'BAD_USER_INPUT' | 'INVALID_CURSOR' | 'STALE_CURSOR';

/**
 * A query argument the engine refuses, with the argument's path (`first`, `after`,
 * `filter.minDownloads`) so the client can see which one to fix.
 */
export class QueryInputError extends Error {
  override readonly name = 'QueryInputError';

  constructor(
    readonly code: QueryInputErrorCode,
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}
