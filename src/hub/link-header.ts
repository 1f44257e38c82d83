/** One `<target>; param=value…` entry of a `Link` header (RFC 8288). */
export interface LinkEntry {
  target: string;
  /** Lower-cased `rel` values; `rel="next prev"` holds two. */
  rels: string[];
  /** Every parameter, names lower-cased, values unquoted. */
  params: Record<string, string>;
}

/** Thrown by {@link parseLinkHeader}; the client turns it into a `HubProtocolError`. */
export class LinkHeaderSyntaxError extends Error {
  override name = 'LinkHeaderSyntaxError';
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const WHITESPACE = /[ \t]*/y;

/**
 * Parse a `Link` header into its entries. A real tokenizer rather than a split on commas:
 * the Hub's next URL may carry a literal comma (`inference_provider=a,b`) inside the `<…>`.
 */
export function parseLinkHeader(header: string): LinkEntry[] {
  const entries: LinkEntry[] = [];
  let pos = 0;

  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(header);
    pos = WHITESPACE.lastIndex;
  };
  const fail = (expected: string): never => {
    throw new LinkHeaderSyntaxError(`expected ${expected} at offset ${pos} of Link header ${JSON.stringify(header)}`);
  };
  const readToken = (what: string): string => {
    TOKEN.lastIndex = pos;
    const match = TOKEN.exec(header);
    if (match === null) return fail(what);
    pos = TOKEN.lastIndex;
    return match[0];
  };
  const readQuoted = (): string => {
    let value = '';
    for (pos += 1; pos < header.length; pos += 1) {
      const char = header[pos];
      if (char === '"') {
        pos += 1;
        return value;
      }
      if (char === '\\') pos += 1;
      value += header[pos] ?? '';
    }
    return fail('closing quote');
  };

  for (;;) {
    skipWhitespace();
    if (pos >= header.length) break;
    if (header[pos] === ',') {
      // Empty list elements are allowed by the list syntax (`a, , b`).
      pos += 1;
      continue;
    }
    if (header[pos] !== '<') fail('"<"');
    const close = header.indexOf('>', pos);
    if (close === -1) fail('">"');
    const target = header.slice(pos + 1, close).trim();
    if (target === '') fail('a URL between "<" and ">"');
    pos = close + 1;

    const params: Record<string, string> = {};
    for (;;) {
      skipWhitespace();
      if (pos >= header.length || header[pos] === ',') break;
      if (header[pos] !== ';') fail('";" or ","');
      pos += 1;
      skipWhitespace();
      const name = readToken('a parameter name').toLowerCase();
      skipWhitespace();
      let value = '';
      if (header[pos] === '=') {
        pos += 1;
        skipWhitespace();
        value = header[pos] === '"' ? readQuoted() : readToken(`a value for "${name}"`);
      }
      // RFC 8288: occurrences of a parameter after the first are ignored.
      if (!(name in params)) params[name] = value;
    }
    const rels = (params['rel'] ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((rel) => rel !== '');
    entries.push({ target, rels, params });
  }
  return entries;
}

/**
 * The `rel="next"` target of a `Link` header, or null when there is none. An absolute target is
 * returned verbatim (the Hub's cursor must not be re-encoded); a relative one is resolved against
 * `baseUrl`, the URL of the page that carried the header.
 */
export function nextLinkUrl(header: string | null, baseUrl: string): string | null {
  if (header === null) return null;
  const next = parseLinkHeader(header).find((entry) => entry.rels.includes('next'));
  if (next === undefined) return null;
  if (URL.canParse(next.target)) return next.target;
  if (URL.canParse(next.target, baseUrl)) return new URL(next.target, baseUrl).href;
  throw new LinkHeaderSyntaxError(`rel="next" target ${JSON.stringify(next.target)} is not a URL`);
}
