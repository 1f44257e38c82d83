import { z } from 'zod';
import { parseOnePageAtATime } from './bounded-body.ts';
import { HubProtocolError, HubUsageError } from './errors.ts';
import { nextOnListing } from './link-header.ts';
import { requestPolicyOf, type RequestPolicyOptions } from './request-policy.ts';
import { routerModelSchema, type RouterModelItem } from './router-item.ts';
import { EVIDENCE_CHARS, requestWithRetries, scrub, type Upstream } from './upstream-request.ts';

export const DEFAULT_ROUTER_ENDPOINT = 'https://router.huggingface.co';

/**
 * Bounds on what the router may make hubcat hold. The real list is a few hundred chat models of a few kilobytes each;
 * these allow a hundred times that, and refuse a response that would only be an attack or a mistake. Each page's body
 * is bounded by the request policy's `maxBodyBytes`, as the Hub's are.
 */
const MAX_PAGES = 100;
const MAX_ENTRIES = 100_000;

/**
 * 30 s per request, 2 retries and at most 30 000 ms waited between them: the router's figures are an addition to the
 * catalog, which must not wait long for them.
 */
export interface RouterClientOptions extends RequestPolicyOptions {
  /** The router's base URL, e.g. `https://router.huggingface.co`; the listing is `${endpoint}/v1/models`. */
  endpoint: string;
  fetch?: typeof fetch;
  /**
   * A secret the router is never sent but might echo (a proxy in front of Hub and router both): removed from every
   * message before any of it is kept.
   */
  redact?: string;
}

/** Every entry of the router's listing, validated, and what reading it cost. */
export interface RouterListing {
  models: RouterModelItem[];
  requests: number;
  pages: number;
}

const pageSchema = z.looseObject({
  data: z.array(z.unknown()).max(MAX_ENTRIES),
  has_more: z.boolean().nullish(),
  last_id: z.string().min(1).max(512).nullish(),
});

/**
 * Reads the Hub router's OpenAI-style model list (`GET /v1/models`). Its pagination, authentication and error bodies
 * are unverified, so it follows either a `Link: rel="next"` on the same listing or OpenAI's `has_more`/`last_id`
 * (`after=`), sends no token (the list is public, and a misconfigured endpoint must not receive one), follows no
 * redirect, retries 408/429/5xx through the Hub client's own loop (`upstream-request.ts`), and validates every
 * entry; anything it cannot trust is an error, never a partial list.
 */
export class RouterClient {
  readonly endpoint: string;
  readonly #listing: URL;
  readonly #upstream: Upstream;

  constructor(options: RouterClientOptions) {
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    if (!URL.canParse(this.endpoint) || !/^https?:$/.test(new URL(this.endpoint).protocol)) {
      throw new HubUsageError(`router endpoint is not an http(s) URL: ${JSON.stringify(this.endpoint)}`);
    }
    this.#listing = new URL(`${this.endpoint}/v1/models`);
    this.#upstream = {
      policy: requestPolicyOf(options, { timeoutMs: 30_000, maxRetries: 2, maxRetryWaitMs: 30_000 }),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      secret: options.redact || null,
      redirectNote: 'hubcat follows no redirect; set HUBCAT_ROUTER_ENDPOINT to the URL it leads to',
    };
  }

  /** Every page of the listing, its entries validated. Throws `HubHttpError`, `HubNetworkError`, `HubProtocolError`. */
  async listModels(options: { signal?: AbortSignal } = {}): Promise<RouterListing> {
    const listing: RouterListing = { models: [], requests: 0, pages: 0 };
    const seen = new Set<string>();
    let url: string | null = this.#listing.href;
    while (url !== null) {
      if (seen.has(url)) throw this.#protocolError(url, listing.pages, 'the next page repeats an earlier one');
      if (listing.pages === MAX_PAGES) throw this.#protocolError(url, listing.pages, `more than ${MAX_PAGES} pages`);
      seen.add(url);
      const page = await this.#fetchPage(url, listing, options.signal);
      listing.models.push(...page.models);
      if (listing.models.length > MAX_ENTRIES) {
        throw this.#protocolError(url, listing.pages, `more than ${MAX_ENTRIES} entries`);
      }
      listing.pages++;
      url = page.next;
    }
    return listing;
  }

  async #fetchPage(
    url: string,
    listing: RouterListing,
    signal: AbortSignal | undefined,
  ): Promise<{ models: RouterModelItem[]; next: string | null }> {
    const { response, body, attempts } = await requestWithRetries(this.#upstream, url, listing.pages, signal);
    listing.requests += attempts;
    return parseOnePageAtATime(() => this.#readPage(url, listing.pages, response, scrub(this.#upstream, body)));
  }

  #readPage(url: string, pageIndex: number, response: Response, body: string) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      throw this.#protocolError(url, pageIndex, 'body is not JSON', body);
    }
    const page = pageSchema.safeParse(data);
    if (!page.success) throw this.#protocolError(url, pageIndex, `not a model list: ${firstIssue(page.error)}`);
    const models = page.data.data.map((raw, itemIndex) => {
      const entry = routerModelSchema.safeParse(raw);
      if (entry.success) return entry.data;
      throw this.#protocolError(url, pageIndex, `entry ${itemIndex} is invalid: ${firstIssue(entry.error)}`);
    });
    return { models, next: this.#nextUrl(url, pageIndex, response, page.data) };
  }

  /** The `Link: rel="next"` target when it stays on the listing, else OpenAI's `after=<last_id>` while `has_more`. */
  #nextUrl(url: string, pageIndex: number, response: Response, page: z.infer<typeof pageSchema>): string | null {
    const header = response.headers.get('link');
    const next = nextOnListing(header, url, this.#listing);
    if (next.rejected !== undefined) throw this.#protocolError(url, pageIndex, next.rejected, header ?? '');
    if (next.url !== null) return next.url;
    if (page.has_more !== true || page.last_id == null) return null;
    const after = new URL(this.#listing);
    after.searchParams.set('after', page.last_id);
    return after.href;
  }

  #protocolError(url: string, pageIndex: number, reason: string, evidence?: string): HubProtocolError {
    return new HubProtocolError({ url, pageIndex, reason, evidence: evidence?.slice(0, EVIDENCE_CHARS) ?? null });
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((key) =>
    typeof key === 'number' || /^[A-Za-z_]\w{0,40}$/.test(String(key)) ? String(key) : '*',
  );
  return `${path.length > 0 ? path.join('.') : '(entry)'}: ${issue.message}`;
}
