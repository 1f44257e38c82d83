import { createHash } from 'node:crypto';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { stripIgnoredCharacters } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import manifest from '../../schema/generated/persisted-documents.json' with { type: 'json' };

/** Which documents the API runs: any within the limits, or only the trusted ones. */
export const DOCUMENT_MODES = ['open', 'trusted'] as const;
export type DocumentMode = (typeof DOCUMENT_MODES)[number];

/** A SHA-256 as codegen writes it into the manifest: 64 lower-case hex digits. */
const HASH = /^[0-9a-f]{64}$/;
/** No trusted operation is this long; a longer text is refused without being read for its normal form. */
const MAX_NORMALISED_LENGTH = 16 * 1024;

/**
 * The trusted documents: hash → text, as `npm run codegen` writes `schema/generated/persisted-documents.json` from
 * `schema/operations/`, and each text's normal form (without whitespace and comments) → hash, so that the same
 * operation sent as text is recognised however it is laid out.
 */
export class TrustedDocuments {
  readonly #byHash: ReadonlyMap<string, string>;
  readonly #byNormalForm: ReadonlyMap<string, string>;

  constructor(documents: Readonly<Record<string, string>> = manifest) {
    this.#byHash = new Map(Object.entries(documents));
    this.#byNormalForm = new Map(Object.entries(documents).map(([hash, text]) => [stripIgnoredCharacters(text), hash]));
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
    if (text.length > MAX_NORMALISED_LENGTH) return null;
    try {
      return this.#byNormalForm.get(stripIgnoredCharacters(text)) ?? null;
    } catch {
      return null; // not GraphQL at all
    }
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

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
