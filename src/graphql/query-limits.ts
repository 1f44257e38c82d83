import { GraphQLError } from 'graphql';

/** What one request may ask of the server. Every limit is checked before the query runs. */
export interface QueryLimits {
  /** Largest request body, in bytes; a longer one is refused while it is still being read. */
  maxBodyBytes: number;
  /** Lexical tokens of the document, counted before it is parsed. */
  maxTokens: number;
  /** Operations one document may define (only one runs; the rest still cost parsing and validation). */
  maxOperations: number;
  /** Fields nested in one operation; fragments count by the fields they add, not by themselves. */
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Estimated cost of one operation, in which a list multiplies its selection by its length (see `query-cost.ts`). */
  maxCost: number;
  /** Whether an error may suggest a name ("Did you mean …?"), which maps the schema for whoever guesses. */
  fieldSuggestions: boolean;
  /** Whether `__schema` and `__type` are answered (priced like any field, one `__schema` per operation). */
  introspection: boolean;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  // The frontend's largest operation is 1.3 kB and GraphiQL's introspection query 2 kB; 100 KiB leaves room for long
  // variable lists and still refuses the 4.6 MB, 200,000-operation document after reading 100 KiB of it.
  maxBodyBytes: 102_400,
  // The frontend's largest operation has 120 tokens, GraphiQL's introspection 184, 50 batched `model(id:)` lookups of
  // ten fields about 1,000.
  maxTokens: 2_000,
  maxOperations: 20,
  // Outside introspection (bounded by graphql-js's own rule) the schema has no cycle; its deepest path has 5 fields.
  maxDepth: 10,
  // The README's batched lookups use 50 aliases; what aliases multiply is bounded by the cost.
  maxAliases: 100,
  maxDirectives: 20,
  // `models(first: 500)` costs 7,501 as FilteredModels selects it, 20,501 as QualityModels does, about 30,000 with
  // every Model field: one full page of 500 passes, two do not.
  maxCost: 50_000,
  fieldSuggestions: true,
  introspection: true,
};

/** The limit a refused request went over, named in `extensions.limit`. */
export type QueryLimitName =
  'tokens' | 'nesting' | 'operations' | 'depth' | 'aliases' | 'directives' | 'cost' | 'introspection';

/**
 * A request refused for going over a limit: `QUERY_LIMIT_EXCEEDED`, the limit and its value, HTTP 400 whatever the
 * client accepts (`spec: false` keeps Yoga from answering 200 to legacy `application/json` clients).
 */
export function queryLimitError(limit: QueryLimitName, max: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, max, http: { status: 400, spec: false } },
  });
}
