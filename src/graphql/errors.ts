import { GraphQLError } from 'graphql';
import { maskError as maskUnexpectedError } from 'graphql-yoga';
import { QueryInputError } from '../query/index.ts';
import { CatalogUnavailableError, ChangeFeedInputError, HistoryUnavailableError } from '../store/index.ts';

/**
 * Known failures reach the client with their message and an `extensions.code`; anything else is masked by Yoga, so
 * no stack trace or internal detail leaves the server, and handed to `onUnexpected` so that the operator sees what the
 * client saw as "Unexpected error.".
 */
export function createMaskError(onUnexpected: (error: unknown) => void = () => {}) {
  return (error: unknown, message: string, isDev?: boolean): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (original instanceof QueryInputError || original instanceof ChangeFeedInputError) {
      return new GraphQLError(original.message, {
        extensions: { code: original.code, argument: original.argument },
      });
    }
    if (original instanceof CatalogUnavailableError) {
      return new GraphQLError(original.message, { extensions: { code: 'CATALOG_UNAVAILABLE' } });
    }
    if (original instanceof HistoryUnavailableError) {
      return new GraphQLError(original.message, { extensions: { code: 'HISTORY_UNAVAILABLE' } });
    }
    const masked = maskUnexpectedError(error, message, isDev);
    if (masked !== error) onUnexpected(error);
    return masked;
  };
}
