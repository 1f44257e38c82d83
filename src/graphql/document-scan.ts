import { GraphQLError, Lexer, Source, TokenKind, type Token } from 'graphql';
import { queryLimitError } from './query-limits.ts';

// graphql-js parses recursively, about three frames per bracket: 2,000 nested list brackets overflow its stack (a
// 500 "Unexpected error." before this guard). Real documents nest far less: the frontend's deepest operation 5
// brackets, GraphiQL's introspection query 10.
const MAX_NESTING = 100;

const OPENERS: ReadonlySet<TokenKind> = new Set([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSERS: ReadonlySet<TokenKind> = new Set([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Refuses a document with too many tokens or too deep a nesting before it is parsed. One pass of the (iterative)
 * lexer, stopping at the first limit, instead of GraphQL Armor's token counter: that one counts inside the recursive
 * parser, which a deep enough document overflows before any token limit is reached.
 */
export function scanDocument(source: string, maxTokens: number): void {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let depth = 0;
  for (let token = nextToken(lexer); token !== null; token = nextToken(lexer)) {
    if (++tokens > maxTokens) {
      throw queryLimitError('tokens', maxTokens, `The document has more than ${maxTokens} tokens.`);
    }
    if (OPENERS.has(token.kind) && ++depth > MAX_NESTING) {
      throw queryLimitError('nesting', MAX_NESTING, `The document nests more than ${MAX_NESTING} brackets deep.`);
    }
    if (CLOSERS.has(token.kind)) depth--;
  }
}

/** The next token; null at the end, and at a lexical error, which the parser then reports as usual. */
function nextToken(lexer: Lexer): Token | null {
  try {
    const token = lexer.advance();
    return token.kind === TokenKind.EOF ? null : token;
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
}
