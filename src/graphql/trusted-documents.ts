import { createHash } from 'node:crypto';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import manifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };

/** Which documents the API runs: any within the limits, or only the trusted ones. */
export const DOCUMENT_MODES = ['open', 'trusted'] as const;
export type DocumentMode = (typeof DOCUMENT_MODES)[number];

/** A SHA-256 as codegen writes it into the manifest: 64 lower-case hex digits. */
const HASH = /^[0-9a-f]{64}$/;
/** No trusted operation is this long; a longer text is refused without being parsed for its canonical form. */
const MAX_CANONICAL_LENGTH = 16 * 1024;
const MAX_TOKENS = 2000;
/** `query Name`, `subscription Name` …: what names an operation, wherever it stands in a text. */
const OPERATION_NAME = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g;

/**
 * The trusted documents, hash → text, as `npm run codegen` writes `schema/generated/persisted-documents.json` from
 * `schema/operations/`. Codegen hashes each operation's canonical print (fields and variables sorted, no whitespace
 * to speak of); a text is the same operation when its canonical print is, however it is laid out or ordered.
 */
export class TrustedDocuments {
  readonly #byHash: ReadonlyMap<string, string>;
  /** The trusted operations' names: each is named, and a text that names none of them is none of them. */
  readonly #names: ReadonlySet<string>;

  constructor(documents: Readonly<Record<string, string>> = manifest) {
    this.#byHash = new Map(Object.entries(documents));
    this.#names = new Set(Object.values(documents).flatMap(operationNames));
  }

  get size(): number {
    return this.#byHash.size;
  }

  text(hash: string): string | null {
    return this.#byHash.get(hash) ?? null;
  }

  /** The hash of a trusted operation sent as text, or null when it is none of them. */
  hashOf(text: string): string | null {
    const exact = sha256(text);
    if (this.#byHash.has(exact)) return exact;
    // Refused without a parse: too long to be one, or naming none of their operations.
    if (text.length > MAX_CANONICAL_LENGTH || !operationNames(text).some((name) => this.#names.has(name))) return null;
    let canonical: string;
    try {
      // The trusted operations have at most a few hundred tokens; a deeper or longer text is refused as it is parsed.
      canonical = sha256(
        printExecutableGraphQLDocument(parse(text, { noLocation: true, maxLexicalTokens: MAX_TOKENS })),
      );
    } catch {
      return null; // not GraphQL at all, or past the bound (a stack overflow on deep nesting is a RangeError)
    }
    return this.#byHash.has(canonical) ? canonical : null;
  }
}

const refusal = (message: string, code: string) => () =>
  createGraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Persisted operations (Yoga's plugin) over the trusted documents. A client names one by hash, in APQ's
 * `extensions.persistedQuery.sha256Hash` or as `documentId` (`sha256:<hash>`, the GraphQL-over-HTTP draft's). In
 * `trusted` mode only those run, a text identical to one of them included; any other document is refused with a 400
 * before it is parsed. In `open` mode a hash is a shorthand and any text runs.
 */
export function trustedDocuments(mode: DocumentMode, documents = new TrustedDocuments()): Plugin[] {
  const recogniseText: Plugin = {
    onParams({ params, setParams }) {
      if (mode !== 'trusted' || typeof params.query !== 'string') return;
      const hash = documents.hashOf(params.query);
      if (hash === null) return;
      setParams({ ...params, query: undefined, extensions: { ...params.extensions, persistedQuery: apq(hash) } });
    },
  };
  return [
    recogniseText,
    usePersistedOperations({
      getPersistedOperation: (hash) => documents.text(hash),
      allowArbitraryOperations: mode === 'open',
      extractPersistedOperationId: documentIdOf,
      customErrors: {
        notFound: refusal(
          'PersistedQueryNotFound: no trusted document has this hash; send the operation as text',
          'PERSISTED_QUERY_NOT_FOUND',
        ),
        persistedQueryOnly: refusal(
          'This server runs only its trusted documents (the operations of schema/operations/), by hash or as ' +
            'their exact text; this document is not one of them.',
          'DOCUMENT_NOT_TRUSTED',
        ),
        keyNotFound: refusal('Must provide a query string or the hash of a trusted document.', 'BAD_REQUEST'),
      },
    }),
  ];
}

function apq(hash: string) {
  return { version: 1, sha256Hash: hash };
}

/** The hash a request names: APQ's extension, or the GraphQL-over-HTTP draft's `documentId`. */
function documentIdOf(params: GraphQLParams): string | null {
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)
    ?.persistedQuery;
  const fromExtension = persisted?.version === 1 ? persisted.sha256Hash : undefined;
  const documentId = (params as { documentId?: unknown }).documentId;
  const named = typeof fromExtension === 'string' ? fromExtension : typeof documentId === 'string' ? documentId : null;
  if (named === null) return null;
  const hash = named.replace(/^sha256:/, '');
  return HASH.test(hash) ? hash : null;
}

function operationNames(text: string): string[] {
  return Array.from(text.matchAll(OPERATION_NAME), (match) => match[1]!);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
