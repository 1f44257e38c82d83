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

/**
 * Yoga's own log through pino, its chatty per-request debug lines ("Processing GraphQL Parameters"…) moved down to
 * trace, so that debug shows one line per request; its warnings and errors (masked errors included) stay as they are.
 */
export function yogaLogger(logger: Logger): Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void> {
  const forward =
    (level: 'trace' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error) logger[level]({ err: first }, rest.map(String).join(' ') || first.message);
      else logger[level]([first, ...rest].map(String).join(' '));
    };
  return { debug: forward('trace'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
