import type { IncomingMessage } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { pricedCost } from '../graphql/index.ts';
import { clientKeyOf } from './client-key.ts';
import type { ClientRateLimiter, RateLimitOutcome } from './rate-limiter.ts';

export interface RateLimitPluginOptions {
  limiter: ClientRateLimiter;
  /** Estimated query cost one request covers: a query costing more counts as `ceil(cost / costPerRequest)`. */
  costPerRequest: number;
  /** The header a trusted proxy names the client in (`HUBCAT_TRUST_PROXY`). */
  trustProxy?: string;
  graphqlPath?: string;
}

/** The policy's name in the `RateLimit` and `RateLimit-Policy` headers. */
const POLICY = '"per-client"';

/**
 * Limits each client's requests to GraphQL: one request is counted as it arrives, before anything else is done for
 * it, and once its operation is priced, an expensive one is counted again for what its cost adds (a 500-model page
 * counts as several requests, `{ __typename }` as one). Over the limit, 429 with `Retry-After`; every answer carries
 * the IETF draft's `RateLimit-Policy` and `RateLimit` headers.
 */
export function clientRateLimit(options: RateLimitPluginOptions): Plugin {
  const { limiter, costPerRequest } = options;
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const clients = new WeakMap<Request, { key: string; outcome: RateLimitOutcome }>();
  const charge = async (args: ExecutionArgs): Promise<GraphQLError | null> => {
    const request = (args.contextValue as { request?: Request }).request;
    const client = request === undefined ? undefined : clients.get(request);
    const cost = pricedCost(args.contextValue as object);
    const extra = cost === null ? 0 : Math.ceil(cost / costPerRequest) - 1;
    if (client === undefined || extra <= 0) return null;
    client.outcome = await limiter.consume(client.key, extra);
    return client.outcome.allowed ? null : tooManyRequests(limiter.policy.windowSeconds, client.outcome, cost);
  };
  return {
    async onRequest(payload) {
      const { request, serverContext, fetchAPI } = payload;
      if (new URL(request.url).pathname !== graphqlPath) return;
      const key = clientKeyOf((serverContext as { req?: IncomingMessage }).req, options.trustProxy);
      if (key === null) return;
      const outcome = await limiter.consume(key, 1);
      clients.set(request, { key, outcome });
      if (outcome.allowed) return;
      const { message, extensions } = tooManyRequests(limiter.policy.windowSeconds, outcome, null);
      const body = { errors: [{ message, extensions: { code: extensions.code, retryAfter: extensions.retryAfter } }] };
      payload.endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8', ...headersOf(limiter, outcome) },
        }),
      );
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const refusal = await charge(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = await charge(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onResponse({ request, response }) {
      const client = clients.get(request);
      if (client === undefined) return;
      for (const [name, value] of Object.entries(headersOf(limiter, client.outcome))) response.headers.set(name, value);
    },
  };
}

function headersOf(limiter: ClientRateLimiter, outcome: RateLimitOutcome): Record<string, string> {
  const resetSeconds = Math.max(1, Math.ceil(outcome.resetMs / 1000));
  const { points, windowSeconds } = limiter.policy;
  return {
    'ratelimit-policy': `${POLICY};q=${points};w=${windowSeconds}`,
    ratelimit: `${POLICY};r=${outcome.remaining};t=${resetSeconds}`,
    ...(outcome.allowed ? {} : { 'retry-after': String(resetSeconds) }),
  };
}

function tooManyRequests(windowSeconds: number, outcome: RateLimitOutcome, cost: number | null): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(outcome.resetMs / 1000));
  const what = cost === null ? 'requests' : `requests (this query, at cost ${cost}, counts as several)`;
  return new GraphQLError(`Too many ${what} from this client in ${windowSeconds} s; retry after ${retryAfter} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter,
      http: { status: 429, headers: { 'retry-after': String(retryAfter) } },
    },
  });
}
