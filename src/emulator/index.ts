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
 */
export {
  startEmulator,
  type EmulatorOptions,
  type Fault,
  type RequestLogEntry,
  type RunningEmulator,
} from './server.ts';
export { generateDataset, PRESETS, DEFAULT_PRESET, type PresetInfo } from './presets.ts';
export type { EmulatedModel, EmulatedProviderMapping, MappingStatus } from './dataset.ts';
