import type { IncomingMessage } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { pricedCost } from '../graphql/index.ts';
import type { ListRateLimit } from '../openai/index.ts';
import { clientKeyOf } from './client-key.ts';
import type { ClientRateLimiter, RateLimitOutcome } from './rate-limiter.ts';

export interface RateLimitPluginOptions {
  limiter: ClientRateLimiter;
  /** Estimated query cost one token covers: a query costing more takes `ceil(cost / costPerToken)` tokens. */
  costPerToken: number;
  /** The header a trusted proxy names the client in (`HUBCAT_TRUST_PROXY`). */
  trustProxy?: string;
  graphqlPath?: string;
}

/** A request refused for its client's rate: what to tell it. */
interface Refusal {
  message: string;
  retryAfterSeconds: number;
}

/** The policy's name in the `RateLimit` and `RateLimit-Policy` headers. */
const POLICY = '"per-client"';

/**
 * Limits each client's requests to GraphQL (and to whatever route charges through `charge`): one token is taken as a
 * request arrives, before anything else is done for it, and once its cost is known (a GraphQL operation priced, a
 * model list counted), what that cost adds: `ceil(cost / costPerToken)` tokens in all (a 500-model page several,
 * `{ __typename }` one). Out of tokens, 429 with `Retry-After`: the time until the bucket holds what this request
 * needs. Every answer charged carries the IETF draft's `RateLimit-Policy` and `RateLimit` headers.
 */
export function clientRateLimit(options: RateLimitPluginOptions): { plugin: Plugin; charge: ListRateLimit } {
  const { limiter } = options;
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const { charge, outcomeOf } = requestCharges(options);
  const chargeOperation = async (args: ExecutionArgs): Promise<GraphQLError | null> => {
    const context = args.contextValue as { request?: Request };
    const cost = pricedCost(context);
    if (context.request === undefined || cost === null) return null;
    const refused = await charge(context.request, undefined, cost);
    return refused === null ? null : rateLimitedError(refused);
  };

  const plugin: Plugin = {
    async onRequest(payload) {
      const { request, serverContext, fetchAPI } = payload;
      if (new URL(request.url).pathname !== graphqlPath) return;
      const refused = await charge(request, serverContext, 1);
      if (refused === null) return;
      const body = { errors: [{ message: refused.message, extensions: graphqlExtensions(refused) }] };
      payload.endResponse(
        new fetchAPI.Response(JSON.stringify(body), {
          status: 429,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      );
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const refused = await chargeOperation(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const refused = await chargeOperation(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    onResponse({ request, response }) {
      const outcome = outcomeOf(request);
      if (outcome === undefined) return;
      for (const [name, value] of Object.entries(headersOf(limiter, outcome))) response.headers.set(name, value);
    },
  };
  return { plugin, charge };
}

/** Each request's client and the tokens it has taken so far, so that a later charge takes only what it adds. */
function requestCharges({ limiter, costPerToken, trustProxy }: RateLimitPluginOptions) {
  const charged = new WeakMap<Request, { key: string; tokens: number; outcome: RateLimitOutcome }>();
  /** Takes what a request of `cost` takes in all, less what this request took already; no client, no charge. */
  const charge = async (request: Request, serverContext: unknown, cost: number): Promise<Refusal | null> => {
    let client = charged.get(request);
    if (client === undefined) {
      const key = clientKeyOf((serverContext as { req?: IncomingMessage } | undefined)?.req, trustProxy);
      if (key === null) return null;
      client = { key, tokens: 0, outcome: { allowed: true, remaining: 0, retryAfterMs: 0, fullInMs: 0 } };
      charged.set(request, client);
    }
    const tokens = Math.max(1, Math.ceil(cost / costPerToken));
    if (tokens <= client.tokens) return null;
    client.outcome = await limiter.consume(client.key, tokens - client.tokens);
    if (client.outcome.allowed) {
      client.tokens = tokens;
      return null;
    }
    return refusal(limiter, client.outcome, cost);
  };
  return { charge, outcomeOf: (request: Request) => charged.get(request)?.outcome };
}

function headersOf(limiter: ClientRateLimiter, outcome: RateLimitOutcome): Record<string, string> {
  const { rate, windowSeconds } = limiter.policy;
  return {
    'ratelimit-policy': `${POLICY};q=${rate};w=${windowSeconds}`,
    ratelimit: `${POLICY};r=${outcome.remaining};t=${Math.ceil(outcome.fullInMs / 1000)}`,
    ...(outcome.allowed ? {} : { 'retry-after': String(retryAfterSeconds(outcome)) }),
  };
}

/** Whole seconds, rounded up, never 0: a client told 0 would come straight back. */
function retryAfterSeconds(outcome: RateLimitOutcome): number {
  return Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
}

function refusal(limiter: ClientRateLimiter, outcome: RateLimitOutcome, cost: number): Refusal {
  const { rate, windowSeconds, burst } = limiter.policy;
  const seconds = retryAfterSeconds(outcome);
  const what = cost <= 1 ? 'requests' : `requests (this one, at cost ${cost}, counts as several)`;
  return {
    message:
      `Too many ${what} from this client: ${rate} per ${windowSeconds} s, at most ${burst} at once; ` +
      `retry after ${seconds} s.`,
    retryAfterSeconds: seconds,
  };
}

function graphqlExtensions(refused: Refusal) {
  return { code: 'RATE_LIMITED', retryAfter: refused.retryAfterSeconds };
}

function rateLimitedError(refused: Refusal): GraphQLError {
  return new GraphQLError(refused.message, {
    extensions: {
      ...graphqlExtensions(refused),
      http: { status: 429, headers: { 'retry-after': String(refused.retryAfterSeconds) } },
    },
  });
}
