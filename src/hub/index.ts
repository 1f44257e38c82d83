/**
 * The Hugging Face Hub's model listing (`GET /api/models`), as hubcat reads it: query building,
 * cursor pagination through `Link: <…>; rel="next"`, `huggingface_hub`'s retry policy, rate-limit
 * headers and item validation. Knows nothing of the emulator.
 */

/** The client: `listModels` walks a listing page by page, `fetchPage` fetches one URL with retries. */
export { HubClient, DEFAULT_HUB_ENDPOINT } from './client.ts';
export type { HubClientOptions, HubPage, PageScheduler, RetryEvent } from './client.ts';

/** Query shape, the closed sets of sort keys and expandable fields, and the page-size bound. */
export { HUB_SORT_KEYS, HUB_MAX_PAGE_SIZE } from './list-query.ts';
export type { HubSortKey, HubExpandField, ListModelsQuery } from './list-query.ts';

/** Errors, each a value with a type: final HTTP failure, network failure, malformed page, misuse. */
export { HubHttpError, HubNetworkError, HubProtocolError, HubUsageError } from './errors.ts';

/** How upstream clients bound what they read: the default largest page body. */
export { DEFAULT_UPSTREAM_MAX_BYTES } from './request-policy.ts';

/** The zod schema every listed item is validated against, and its inferred type. */
export { hubModelItemSchema, hubProviderDetailsSchema, hubCardDataSchema, hubGgufSchema } from './model-item.ts';
export type { HubModelItem, HubProviderMapping } from './model-item.ts';

/** `RateLimit` / `RateLimit-Policy` header reading. */
export { parseRateLimit } from './rate-limit.ts';
export type { RateLimitInfo } from './rate-limit.ts';

/** `Link` header parsing (RFC 8288), exposed for tools that follow other Hub listings. */
export { parseLinkHeader, nextLinkUrl } from './link-header.ts';

/** What a Bearer token may contain; configuration refuses anything else. */
export { BEARER_TOKEN_SYNTAX } from './token.ts';

/** The retry policy as pure functions: which statuses retry and how long each wait is. */
export { RETRYABLE_STATUSES, retryWaitMs, backoffMs } from './retry-policy.ts';

/** The router's OpenAI-style model list (`GET /v1/models`): chat models' providers, prices and context lengths. */
export { RouterClient, DEFAULT_ROUTER_ENDPOINT } from './router-client.ts';
export type { RouterListing } from './router-client.ts';
export type { RouterModelItem, RouterProviderItem } from './router-item.ts';
