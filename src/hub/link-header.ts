/** One `<target>; param=value…` entry of a `Link` header (RFC 8288). */
export interface LinkEntry {
  target: string;
  /** Lower-cased `rel` values; `rel="next prev"` holds two. */
  rels: string[];
  /** Every parameter, names lower-cased, values unquoted. */
  params: Record<string, string>;
}

/**
 * Thrown by {@link parseLinkHeader}; the client turns it into a `HubProtocolError`. Its message does not quote the
 * header, which is the upstream's text.
 */
export class LinkHeaderSyntaxError extends Error {
  override name = 'LinkHeaderSyntaxError';
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const WHITESPACE = /[ \t]*/y;

/** A cursor over one header's text: each method reads one piece of the grammar and moves past it. */
class LinkHeaderReader {
  private pos = 0;

  constructor(private readonly header: string) {}

  /** Skips whitespace and empty list elements (`a, , b` is allowed); false at the end of the header. */
  atNextEntry(): boolean {
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.header.length) return false;
      if (this.header[this.pos] !== ',') return true;
      this.pos += 1;
    }
  }

  readEntry(): LinkEntry {
    const target = this.readTarget();
    const params = this.readParams();
    const rels = (params['rel'] ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((rel) => rel !== '');
    return { target, rels, params };
  }

  private readTarget(): string {
    if (this.header[this.pos] !== '<') this.fail('"<"');
    const close = this.header.indexOf('>', this.pos);
    if (close === -1) this.fail('">"');
    const target = this.header.slice(this.pos + 1, close).trim();
    if (target === '') this.fail('a URL between "<" and ">"');
    this.pos = close + 1;
    return target;
  }

  /** `; name[=value]` pairs up to the next `,` or the end. */
  private readParams(): Record<string, string> {
    const params: Record<string, string> = {};
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.header.length || this.header[this.pos] === ',') return params;
      if (this.header[this.pos] !== ';') this.fail('";" or ","');
      this.pos += 1;
      this.skipWhitespace();
      const name = this.readToken('a parameter name').toLowerCase();
      const value = this.readParamValue(name);
      // RFC 8288: occurrences of a parameter after the first are ignored.
      if (!(name in params)) params[name] = value;
    }
  }

  private readParamValue(name: string): string {
    this.skipWhitespace();
    if (this.header[this.pos] !== '=') return '';
    this.pos += 1;
    this.skipWhitespace();
    return this.header[this.pos] === '"' ? this.readQuoted() : this.readToken(`a value for "${name}"`);
  }

  private readToken(what: string): string {
    TOKEN.lastIndex = this.pos;
    const match = TOKEN.exec(this.header);
    if (match === null) return this.fail(what);
    this.pos = TOKEN.lastIndex;
    return match[0];
  }

  private readQuoted(): string {
    let value = '';
    for (this.pos += 1; this.pos < this.header.length; this.pos += 1) {
      const char = this.header[this.pos];
      if (char === '"') {
        this.pos += 1;
        return value;
      }
      if (char === '\\') this.pos += 1;
      value += this.header[this.pos] ?? '';
    }
    return this.fail('closing quote');
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.header);
    this.pos = WHITESPACE.lastIndex;
  }

  private fail(expected: string): never {
    throw new LinkHeaderSyntaxError(`expected ${expected} at offset ${this.pos} of the Link header`);
  }
}

/**
 * Parse a `Link` header into its entries. A real tokenizer rather than a split on commas:
 * the Hub's next URL may carry a literal comma (`inference_provider=a,b`) inside the `<…>`.
 */
export function parseLinkHeader(header: string): LinkEntry[] {
  const reader = new LinkHeaderReader(header);
  const entries: LinkEntry[] = [];
  while (reader.atNextEntry()) entries.push(reader.readEntry());
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
  throw new LinkHeaderSyntaxError('the rel="next" target is not a URL');
}

/** The next page's URL (null on the last page), or why the `Link` header's target will not be requested. */
export type NextLink = { url: string | null; rejected?: never } | { url?: never; rejected: string };

/**
 * The page's `rel="next"` target when it stays on `listing` (same scheme, host, port and path). A header that cannot
 * be read, or a target that leads off the listing (another origin, another path, a `data:` URL), is rejected with the
 * reason in words: the target is never requested, and a crawl that stops there proves nothing.
 */
export function nextOnListing(header: string | null, pageUrl: string, listing: URL): NextLink {
  let next: string | null;
  try {
    next = nextLinkUrl(header, pageUrl);
  } catch (error) {
    if (!(error instanceof LinkHeaderSyntaxError)) throw error;
    return { rejected: `bad Link header: ${error.message}` };
  }
  const offListing = next === null ? null : whyOffListing(next, listing);
  if (offListing !== null) return { rejected: `Link rel="next" leads to ${offListing}, off the listing: not followed` };
  return { url: next };
}

/** Where `url` leads if not to `listing` (same scheme, host, port and path), in words without its query; else null. */
export function whyOffListing(url: string, listing: URL): string | null {
  const target = new URL(url);
  if (target.origin === listing.origin && target.pathname === listing.pathname) return null;
  if (target.origin === 'null') return `a ${target.protocol} URL`;
  if (target.origin !== listing.origin) return `another origin (${target.origin})`;
  return 'another path';
}
