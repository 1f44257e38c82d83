import { createHash } from 'node:crypto';
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { stripIgnoredCharacters, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { CatalogCache } from '../store/index.ts';

/**
 * Responses kept per snapshot. A 50-model page is about 20 KB of objects, so this bounds the cache near 20 MB; the
 * frontend's queries are a few operations over a few hundred filter combinations a minute, far fewer than this.
 */
const MAX_RESPONSES = 1000;
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
export function snapshotResponseCache(catalog: CatalogCache): Plugin {
  const cache = new SnapshotBoundCache(() => catalog.servedSnapshotId());
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
      if (catalog.servedSnapshotId() !== null) void catalog.snapshot().catch(() => undefined);
      const digest = createHash('sha256')
        .update(`${normalised.of(documentString)}\0${operationName ?? ''}\0${canonicalJson(variableValues ?? {})}`)
        .digest('base64url');
      return `${snapshotPrefix(catalog.servedSnapshotId())}${digest}`;
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

class SnapshotBoundCache implements Cache {
  #entries: Cache = createInMemoryCache({ max: MAX_RESPONSES });
  #snapshotId: string | null = null;

  constructor(private readonly servedSnapshotId: () => string | null) {}

  get(key: string) {
    return this.#forKey(key)?.get(key);
  }

  set(...[key, result, ...rest]: Parameters<Cache['set']>) {
    return this.#forKey(key)?.set(key, withStoredText(result), ...rest);
  }

  invalidate(entities: Parameters<Cache['invalidate']>[0]) {
    return this.#entries.invalidate(entities);
  }

  /** The entries when `key` belongs to the snapshot served now (emptied if that changed); otherwise null. */
  #forKey(key: string): Cache | null {
    const served = this.servedSnapshotId();
    if (served !== this.#snapshotId) {
      this.#entries = createInMemoryCache({ max: MAX_RESPONSES });
      this.#snapshotId = served;
    }
    return served !== null && key.startsWith(snapshotPrefix(served)) ? this.#entries : null;
  }
}

/**
 * Yoga serialises a result with its `stringify` when it has one. A cached result is the same every time it is served,
 * so its JSON is made on the first hit and reused: a 50-model page is tens of kilobytes of JSON per request otherwise.
 */
function withStoredText(result: ExecutionResult): ExecutionResult {
  let text: string | undefined;
  return { ...result, stringify: (served: unknown) => (text ??= JSON.stringify(served)) } as ExecutionResult;
}

/** An operation without the whitespace and comments that do not change it, remembered per text sent. */
class DocumentNormaliser {
  readonly #known = new Map<string, string>();

  of(document: string): string {
    let stripped = this.#known.get(document);
    if (stripped === undefined) {
      try {
        stripped = stripIgnoredCharacters(document);
      } catch {
        stripped = document; // not GraphQL: Yoga refuses it before anything is cached
      }
      if (this.#known.size >= MAX_DOCUMENTS) this.#known.clear();
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
