import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

/**
 * One debug line per GraphQL request: operation, HTTP status, duration. Probes, metrics scrapes and GraphiQL page loads
 * are not GraphQL requests and stay out of it, so a scraped server's debug log still reads as its traffic.
 */
export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string>();
  return {
    onRequest({ request }) {
      if (logger.isLevelEnabled('debug')) started.set(request, performance.now());
    },
    onParams({ params, request }) {
      if (started.has(request)) operations.set(request, params.operationName ?? 'anonymous');
    },
    onParse({ context }) {
      const { request } = context;
      if (!operations.has(request)) return undefined;
      // The name written in the document, when the client did not send `operationName` beside it.
      return ({ result }) => {
        const document = result as DocumentNode | Error;
        if (document instanceof Error) return;
        const name = getOperationAST(document, context.params.operationName)?.name;
        if (name) operations.set(request, name.value);
      };
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      const operation = operations.get(request);
      if (start === undefined || operation === undefined) return;
      const ms = Math.round(performance.now() - start);
      logger.debug(
        { operation, method: request.method, status: response.status, ms },
        `graphql ${operation} ${response.status} ${ms} ms`,
      );
    },
  };
}
