/**
 * `GET /v1/models`: the served catalog as OpenAI's model list, so a backend lists it with any OpenAI SDK. Filters run
 * in the query engine; the whole list is streamed, pages follow OpenAI's `limit`/`after` cursor convention.
 */
export { openAIModelsRoute, type ListRateLimit } from './models-route.ts';
