import { createHash } from 'node:crypto';
import {
  BREAK,
  stripIgnoredCharacters,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
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
 * cached, nor introspection. A request sent with `Cache-Control: no-cache` bypasses the cache. A stored response
 * carries its key as ETag, which a client may revalidate with `If-None-Match` (304 while it is held).
 *
 * Not `@graphql-yoga/plugin-response-cache`: its miss path added a `__typename` to every object of the operation and
 * copied the whole result to take them out again, for entity invalidation by mutations this schema does not have.
 * Here a miss costs one serialisation, which is also the response's.
 */
export function snapshotResponseCache(catalog: CatalogCache, maxBytes = DEFAULT_RESPONSE_CACHE_BYTES): Plugin {
  const responses = new Responses(catalog, maxBytes);
  const keyOf = new WeakMap<object, string>();
  return {
    onRequest(payload) {
      const notModified = responses.revalidated(payload.request);
      if (notModified !== null) payload.endResponse(new payload.fetchAPI.Response(null, notModified));
    },
    onParams({ params, request, context, setResult }) {
      const key = responses.keyOf(params, request);
      if (key === '') return;
      keyOf.set(context, key);
      const entry = responses.get(key);
      if (entry !== undefined) setResult(cachedResult(entry));
    },
    onExecute({ args }) {
      const key = keyOf.get(args.contextValue);
      if (key === undefined || !responses.mayStore(args.schema as GraphQLSchema, args.document as DocumentNode)) return;
      return {
        onExecuteDone({ result }) {
          // Streamed results (@defer, @stream) are not cached.
          if (!(Symbol.asyncIterator in result)) responses.store(key, result);
        },
      };
    },
  };
}

/** The cached responses, their keys, and which results are stored. */
class Responses {
  readonly #cache: SnapshotBoundCache;
  readonly #normalised = new DocumentNormaliser();
  readonly #uncachable = new WeakMap<DocumentNode, boolean>();

  constructor(
    private readonly catalog: CatalogCache,
    maxBytes: number,
  ) {
    this.#cache = new SnapshotBoundCache(() => catalog.served()?.id ?? null, maxBytes);
  }

  get(key: string): Entry | undefined {
    return this.#cache.get(key);
  }

  /** The request's key, or '' when it is neither looked up nor stored. */
  keyOf(params: GraphQLParams, request: Request): string {
    const document = params.query ?? '';
    if (asksForFreshAnswer(request) || document.length > MAX_CACHED_DOCUMENT_LENGTH) return '';
    // A hit skips every resolver, and with them the staleness check that starts a background refresh.
    if (this.catalog.served() !== null) void this.catalog.snapshot().catch(() => undefined);
    const digest = createHash('sha256')
      .update(
        `${this.#normalised.of(document)}\0${params.operationName ?? ''}\0${canonicalJson(params.variables ?? {})}`,
      )
      .digest('base64url');
    return `${snapshotPrefix(this.catalog.served()?.id ?? null)}${digest}`;
  }

  /** The 304 answer to a request revalidating a response still held (`If-None-Match`), or null. */
  revalidated(request: Request): ResponseInit | null {
    const etag = request.headers.get('if-none-match');
    if (etag === null || asksForFreshAnswer(request)) return null;
    const entry = this.#cache.get(etag);
    if (entry === undefined) return null;
    const since = request.headers.get('if-modified-since');
    if (since !== null && new Date(since).getTime() < new Date(entry.lastModified).getTime()) return null;
    return { status: 304, headers: { ETag: etag, 'Last-Modified': entry.lastModified } };
  }

  /**
   * Whether results of `document` may be stored: not when it selects `Query.catalog`, whose status changes without a
   * new snapshot, nor introspection. Decided once per parsed document (Yoga's parser cache hands the same one back).
   */
  mayStore(schema: GraphQLSchema, document: DocumentNode): boolean {
    let uncachable = this.#uncachable.get(document);
    if (uncachable === undefined) {
      uncachable = selectsUncachable(schema, document);
      this.#uncachable.set(document, uncachable);
    }
    return !uncachable;
  }

  /** Stores a result without errors, serialised once: the response sent is the same text. */
  store(key: string, result: StringifiableResult): void {
    if (result.errors !== undefined && result.errors.length > 0) return;
    const { extensions, stringify, ...rest } = result;
    const { http, ...others } = (extensions ?? {}) as { http?: HttpExtension } & Record<string, unknown>;
    const body = Object.keys(others).length > 0 ? { ...rest, extensions: others } : rest;
    const text = (stringify ?? JSON.stringify)(body);
    const lastModified = new Date().toUTCString();
    const sent = { ...http, headers: { ...http?.headers, ETag: key, 'Last-Modified': lastModified } };
    if (!this.#cache.set(key, { text, http: sent, lastModified })) return;
    result.extensions = { ...extensions, http: sent };
    // The response about to be sent is this same text (Yoga strips the HTTP extensions before serialising).
    result.stringify = () => text;
  }
}

/** A result as graphql-jit returns it: with the serialiser compiled for its operation. */
type StringifiableResult = ExecutionResult & { stringify?: (result: unknown) => string };

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
}

function selectsUncachable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (typeInfo.getParentType() === schema.getQueryType() && UNCACHABLE_ROOT_FIELDS.has(node.name.value)) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return found;
}

const UNCACHABLE_ROOT_FIELDS = new Set(['catalog', '__schema']);

/** A client that asks for a fresh answer (`Cache-Control: no-cache`) gets one executed, and nothing is stored. */
function asksForFreshAnswer(request: Request): boolean {
  return /\bno-(cache|store)\b/i.test(request.headers.get('cache-control') ?? '');
}

/** Keys start with the snapshot id, escaped so the key can be sent as an ETag header. */
function snapshotPrefix(snapshotId: string | null): string {
  return `${encodeURIComponent(snapshotId ?? '')}.`;
}

/** A response as kept: its JSON, and apart from it the HTTP extensions (status, headers: ETag, Last-Modified). */
interface Entry {
  text: string;
  http: HttpExtension;
  /** When it was stored, as the `Last-Modified` header sent with it. */
  lastModified: string;
}

/** What an entry costs beside its text: the key and the HTTP headers, roughly. */
const ENTRY_OVERHEAD = 256;

/**
 * Responses of the served snapshot, as JSON, least recently used first out once they pass `maxBytes` (counted in
 * UTF-16 code units, i.e. bytes for the ASCII JSON responses mostly are). Only the text is kept: a hit is served as it
 * is, and its data parsed back only if a plugin reads it.
 */
class SnapshotBoundCache {
  #entries: BoundedCache<string, Entry>;
  #snapshotId: string | null = null;

  constructor(
    private readonly servedSnapshotId: () => string | null,
    private readonly maxBytes: number,
  ) {
    this.#entries = this.#empty();
  }

  get(key: string): Entry | undefined {
    return this.#forKey(key)?.get(key);
  }

  /** Whether `entry` was kept: not when `key` names another snapshot than the one served, nor when it is too large. */
  set(key: string, entry: Entry): boolean {
    const entries = this.#forKey(key);
    if (entries === null || entry.text.length > this.maxBytes * MAX_ENTRY_SHARE) return false;
    entries.set(key, entry);
    return true;
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
 * A cached response, served with its stored JSON as it is (`stringify`) and its HTTP headers; `data` is not
 * enumerable, so no copy Yoga makes parses it, and a plugin that reads it gets it parsed once.
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
