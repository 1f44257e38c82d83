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
