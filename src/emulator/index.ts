/**
 * hubcat's Hub emulator: an HTTP server that plays `GET /api/models` of the Hugging Face Hub over a generated,
 * deterministic population (the protocol is the one in the shared hub-api.md notes). It shares no code with the rest
 * of hubcat on purpose, so that a misreading of the protocol cannot cancel itself out in tests. Each preset and seed
 * is generated once per process and shared by every server started on it.
 *
 * Documented choices where the Hub leaves room:
 * - Without `sort`, items come by `_id` ascending (ObjectIds start with the creation time, so roughly oldest first).
 *   Every sort is descending with missing values last and ties broken by `_id` ascending; `direction`, `offset`,
 *   `page` and `skip` are ignored.
 * - `limit` defaults to 1000 and is clamped to 1..1000; a non-numeric limit is a 400.
 * - The cursor is padded base64url JSON of the last item's sort value and `_id` (keyset, so it stays correct between
 *   requests). A cursor that does not decode, or was made for another sort, is a 400 `{"error":"Invalid cursor"}`.
 * - A `Link` is sent only when at least one more matching item exists, so a crawl never ends on an empty page. Its URL
 *   repeats the raw query string verbatim (commas and `expand[]` brackets included), so a client must find the
 *   `<...>` target rather than split the header on every comma.
 * - Capped mode serves the first page of every query and never a `Link`; a `cursor` parameter is ignored there.
 * - `expand` values are not split on commas (each must be a listable field name); `filter` and
 *   `inference_provider` values are. `full`, `config` and `cardData` count as set unless `false` or `0`.
 * - Order of checks: fault, credentials (401), path (404), quota (429), method (405), parameters (400). A `status`
 *   fault whose body is not JSON is sent as `text/html`, like a proxy's error page.
 * - Quota: one fixed window shared by all callers, counting every `/api/models` request (including faulted ones).
 *   Without the `quota` option nothing is counted: headers announce q=500;w=300 with `r` always 500.
 * - `likes30d` is not a listed field; it is derived from `trendingScore` and the `_id` for sorting.
 * - `inferenceProviderMapping` is an array, as listings send it; `providerMappingShape: 'object'` keys it by provider
 *   instead, as the model endpoint and older listings did.
 * - Base models (`base_model:` tags), regions (`region:` tags), card metadata (`cardData`) and GGUF weights (`gguf`)
 *   are invented with plausible distributions (lineage.ts), from a random stream apart from the rest of the preset.
 *
 * Evolution (the emulator's own addition, not the Hub's protocol): `evolve(spec)` or `POST /__evolve` with the spec as
 * JSON changes the population at once; see evolve-spec.ts for the spec and the ground truth it returns.
 * - Deterministic: the n-th evolution of a server draws from the emulator seed and n only. Each server evolves its own
 *   copy; other servers of the same preset in the process keep the generated population.
 * - Time: each evolution happens at `at` (default: one hour after the previous one, the first after the preset's
 *   "now"). Listings, filters, cursors and `servedIds()` reflect it from the next request; a cursor issued before
 *   resumes after its (value, `_id`) position in the new order, as a keyset cursor does.
 * - Commits and settings: the Hub's `lastModified` (and `sha`) is the last commit's. A `pipeline_tag`, `library_name`
 *   or `lastModified` update is a commit, so both move to the evolution's time and a new hash. Gating is a repo
 *   setting and provider mappings are not commits: those leave `lastModified` and `sha` alone.
 * - `drift: true` moves download, like and trending counts of every surviving model; off by default, so a test that
 *   must see "nothing else changed" sees exactly the listed changes.
 *
 * Providers: `inference_provider` matches live mappings only (the `providerStatuses` option widens that), so `all`
 * means "a live mapping with any provider"; a comma list or a repeated key means any of them. The preset
 * `providers-2025-11` gives twenty providers served sets of invented sizes and task mixes (provider-catalogs.ts).
 *
 * The router (`GET /v1/models`, OpenAI-style, on the same server): one entry per model with a chat (`conversational`)
 * mapping that is live or failing, ordered by id; `providers[]` carries each such mapping's status, its
 * `providerDetails` (context length, prices in USD per million tokens) where it has them, and per-mapping
 * `supports_tools`, `supports_structured_output`, latency and throughput derived from the mapping's id. Staging
 * mappings are not listed. Unverified, so configurable (`router` option): pagination (none by default; a `Link`
 * cursor or OpenAI's `has_more`/`after`), authentication (anonymous or a known token by default; required; ignored),
 * error bodies (OpenAI's `{"error": {"message", "type", "code"}}` by default, or the Hub's), and faults counted apart
 * from the listing's. The Hub's quota does not apply to it. `created` is the repo's creation time in Unix seconds.
 */
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server.ts';
export { generateDataset, PRESETS } from './presets.ts';
export type { RouterModel } from './router.ts';
export type { EmulatedModel } from './population.ts';
export { type EvolveResult, type EvolveSpec } from './evolve-spec.ts';
