import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { stripIgnoredCharacters, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BoundedCache } from '../bounded-cache.ts';
import type { CatalogCache } from '../store/index.ts';

/**
 * JSON the cache may hold, by default. A 50-model page is about 20 KB, so this keeps about eight hundred of the
 * frontend's pages; a client sending distinct 350 KB pages evicts older ones instead of growing the process.
 */
export const DEFAULT_RESPONSE_CACHE_BYTES = 16 * 1024 * 1024;
/** No response larger than this share of the budget is kept: one would otherwise push out hundreds of small ones. */
const MAX_ENTRY_SHARE = 1 / 16;
/** Distinct operation texts whose normalised form is remembered; clients send the same few texts over and over. */
const MAX_DOCUMENTS = 500;
/**
 * Longest operation text cached. The frontend's operations are a few kilobytes; the key of a longer one would cost a
 * lexing pass (and its remembered form the memory) in every request before the guards' refusal takes effect, which a
 * client could send by the megabyte.
 */
const MAX_CACHED_DOCUMENT_LENGTH = 16 * 1024;

/**
 * Caches whole responses under the served snapshot's id and the normalised operation and variables, so a repeated
 * query costs a lookup. A response is only ever served while its snapshot is the one served: keys carry the snapshot
 * id, the cache empties itself when that changes, and a response computed from another snapshot than its key names is
 * not stored. `catalog` (age, staleness, last error) changes without a new snapshot, so no response selecting it is
 * cached. A request sent with `Cache-Control: no-cache` bypasses the cache.
 */
export function snapshotResponseCache(catalog: CatalogCache, maxBytes = DEFAULT_RESPONSE_CACHE_BYTES): Plugin {
  const cache = new SnapshotBoundCache(() => catalog.served()?.id ?? null, maxBytes);
  const normalised = new DocumentNormaliser();
  return useResponseCache({
    session: () => null,
    cache,
    // Entities are tracked for invalidation by mutations; there are none, and the cache is emptied with each snapshot.
    // Without an id field the plugin selects no extra id per object and indexes no entity per stored response.
    idFields: [],
    enabled: (request) => !asksForFreshAnswer(request),
    ttlPerSchemaCoordinate: { 'Query.catalog': 0 },
    buildResponseCacheKey: ({ documentString, operationName, variableValues, request }) => {
      // Neither looked up nor stored.
      if (asksForFreshAnswer(request) || documentString.length > MAX_CACHED_DOCUMENT_LENGTH) return '';
      // A hit skips every resolver, and with them the staleness check that starts a background refresh.
      if (catalog.served() !== null) void catalog.snapshot().catch(() => undefined);
      const digest = createHash('sha256')
        .update(`${normalised.of(documentString)}\0${operationName ?? ''}\0${canonicalJson(variableValues ?? {})}`)
        .digest('base64url');
      return `${snapshotPrefix(catalog.served()?.id ?? null)}${digest}`;
    },
  });
}

/** A client that asks for a fresh answer (`Cache-Control: no-cache`) gets one executed, and nothing is stored. */
function asksForFreshAnswer(request: Request): boolean {
  return /\bno-(cache|store)\b/i.test(request.headers.get('cache-control') ?? '');
}

/** Keys start with the snapshot id, escaped so the key can be sent as an ETag header. */
function snapshotPrefix(snapshotId: string | null): string {
  return `${encodeURIComponent(snapshotId ?? '')}.`;
}

/** A response as kept: its JSON without Yoga's HTTP extensions (ETag, Last-Modified), which are kept apart. */
interface Entry {
  text: string;
  http: unknown;
}

/** What an entry costs beside its text: the key and the HTTP headers, roughly. */
const ENTRY_OVERHEAD = 256;

/**
 * Responses of the served snapshot, as JSON, least recently used first out once they pass `maxBytes` (counted in
 * UTF-16 code units, i.e. bytes for the ASCII JSON responses mostly are). Only the text is kept: a hit is served as it
 * is, and its data parsed back only if a plugin reads it.
 */
class SnapshotBoundCache implements Cache {
  #entries: BoundedCache<string, Entry>;
  #snapshotId: string | null = null;

  constructor(
    private readonly servedSnapshotId: () => string | null,
    private readonly maxBytes: number,
  ) {
    this.#entries = this.#empty();
  }

  get(key: string): ExecutionResult | undefined {
    const entry = this.#forKey(key)?.get(key);
    return entry === undefined ? undefined : cachedResult(entry);
  }

  set(...[key, result]: Parameters<Cache['set']>): void {
    const entries = this.#forKey(key);
    if (entries === null || this.maxBytes === 0) return;
    const { extensions, ...rest } = result;
    const { http, ...others } = (extensions ?? {}) as Record<string, unknown>;
    const text = JSON.stringify(Object.keys(others).length > 0 ? { ...rest, extensions: others } : rest);
    // The response about to be sent is this same text (Yoga strips the HTTP extensions before serialising).
    (result as ExecutionResult & { stringify?: () => string }).stringify = () => text;
    if (text.length <= this.maxBytes * MAX_ENTRY_SHARE) entries.set(key, { text, http });
  }

  invalidate(): void {
    // Responses are bound to the snapshot served, and go when it changes; nothing else invalidates them.
  }

  /** The entries when `key` belongs to the snapshot served now (emptied if that changed); otherwise null. */
  #forKey(key: string): BoundedCache<string, Entry> | null {
    const served = this.servedSnapshotId();
    if (served !== this.#snapshotId) {
      this.#entries = this.#empty();
      this.#snapshotId = served;
    }
    return served !== null && key.startsWith(snapshotPrefix(served)) ? this.#entries : null;
  }

  #empty(): BoundedCache<string, Entry> {
    return new BoundedCache<string, Entry>({
      maxBytes: this.maxBytes,
      sizeOf: (entry) => entry.text.length + ENTRY_OVERHEAD,
    });
  }
}

/**
 * A cached response. Yoga's cache plugin copies it (`{...cached}`) and serialises the copy with its `stringify`, so
 * `stringify` and the HTTP extensions are own enumerable properties and the stored JSON is sent as it is; `data` is
 * not enumerable, so the copy never parses it, and a plugin that reads it from the original gets it parsed once.
 */
function cachedResult(entry: Entry): ExecutionResult {
  let data: ExecutionResult['data'];
  const result: ExecutionResult = { extensions: { http: entry.http } };
  Object.assign(result, { stringify: () => entry.text });
  Object.defineProperty(result, 'data', {
    enumerable: false,
    get: () => (data ??= (JSON.parse(entry.text) as ExecutionResult).data),
  });
  return result;
}

/** An operation without the whitespace and comments that do not change it, remembered per text sent. */
class DocumentNormaliser {
  readonly #known = new BoundedCache<string, string>({ maxEntries: MAX_DOCUMENTS });

  of(document: string): string {
    let stripped = this.#known.get(document);
    if (stripped === undefined) {
      try {
        stripped = stripIgnoredCharacters(document);
      } catch {
        stripped = document; // not GraphQL: Yoga refuses it before anything is cached
      }
      this.#known.set(document, stripped);
    }
    return stripped;
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` variables share a key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
