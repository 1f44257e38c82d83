import { QueryInputError } from '../../src/query/index.ts';

/** The QueryInputError `run` throws; fails the test if it throws nothing or something else. */
export function queryInputErrorOf(run: () => unknown): QueryInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryInputError) return error;
    throw error;
  }
  throw new Error('expected a QueryInputError, but nothing was thrown');
}

/** Code-unit order, as `Array.prototype.sort` does by default. */
export function sortedIds(ids: readonly string[]): string[] {
  return [...ids].sort();
}
