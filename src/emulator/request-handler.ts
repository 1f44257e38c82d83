import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVOLVE_PATH, serveEvolve } from './control.ts';
import type { EvolvingIndex } from './evolving-index.ts';
import { Exchange, requestId, type RequestLogEntry } from './exchange.ts';
import { faultFor, respondWithFault, truncated, withInvalidItem, type Fault } from './faults.ts';
import { ListingError, parseListingQuery, project, type ListingQuery, type MappingShape } from './listing.ts';
import type { FixedWindow } from './rate-limit.ts';
import { serveModelPage } from './model-page.ts';
import { ROUTER_PATH, type RouterEndpoint } from './router.ts';

export interface HandlerSettings {
  readonly dataset: EvolvingIndex;
  readonly quota: FixedWindow;
  /** When set, a bearer token must be one of them. */
  readonly tokens: ReadonlySet<string> | undefined;
  readonly providerStatuses: readonly string[];
  readonly latencyMs: number;
  /** How items write `inferenceProviderMapping`. */
  readonly mappingShape: MappingShape;
  /** `host:port` for `Link` URLs when a request has no Host header. */
  fallbackHost: string;
}

const isListingPath = (path: string) => path === '/api/models' || path === '/api/models/';

/** The next page's URL: every original parameter verbatim, any old cursor replaced by the new one. */
function nextUrl(exchange: Exchange, fallbackHost: string, cursor: string): string {
  const kept = exchange.rawQuery.split('&').filter((part) => {
    if (part === '') return false;
    const key = part.split('=')[0] ?? '';
    let decoded = key;
    try {
      decoded = decodeURIComponent(key.replaceAll('+', ' '));
    } catch {
      /* keep undecodable keys verbatim */
    }
    return decoded !== 'cursor';
  });
  kept.push(`cursor=${encodeURIComponent(cursor)}`);
  return `http://${exchange.req.headers.host ?? fallbackHost}${exchange.path}?${kept.join('&')}`;
}

/** The first check a request fails, in the Hub's order after faults: credentials, path, quota, method. */
function refusalOf(
  exchange: Exchange,
  checks: { credentialsOk: boolean; isListing: boolean; quotaExceeded: boolean },
): [status: number, error: string] | undefined {
  if (!checks.credentialsOk) return [401, 'Invalid credentials in Authorization header'];
  if (!checks.isListing) return [404, "Sorry, we can't find the page you are looking for."];
  if (checks.quotaExceeded) return [429, 'You have been rate-limited; you can retry this action in a few minutes.'];
  const method = exchange.entry.method;
  if (method !== 'GET' && method !== 'HEAD') return [405, `Method ${method} not allowed`];
  return undefined;
}

/**
 * Answers requests the way the Hub does, in the Hub's order of checks: fault, credentials (401), path (404), quota
 * (429), method (405), parameters (400), then the page. Holds what tests change while the server runs: the request
 * log, the faults and capped mode.
 */
export class RequestHandler {
  readonly requests: RequestLogEntry[] = [];
  faults: Fault[];
  capped: boolean;
  private listingRequests = 0;

  constructor(
    private readonly settings: HandlerSettings,
    readonly router: RouterEndpoint,
    faults: Fault[],
    capped: boolean,
  ) {
    this.faults = faults;
    this.capped = capped;
  }

  /** Clears the log and the fault request counter. */
  resetLog(): void {
    this.requests.length = 0;
    this.listingRequests = 0;
    this.router.resetCount();
  }

  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': requestId() });
      res.end(JSON.stringify({ error: `Emulator failure: ${error instanceof Error ? error.message : String(error)}` }));
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exchange = new Exchange(req, res, this.requests.length + 1);
    this.requests.push(exchange.entry);
    const credentialsOk = this.checkCredentials(exchange);
    if (exchange.path === EVOLVE_PATH) return serveEvolve(exchange, this.settings.dataset);
    if (exchange.path === ROUTER_PATH) {
      await this.delay();
      this.router.serve(exchange);
      return;
    }
    if (exchange.req.method === 'GET' && serveModelPage(exchange, this.settings.dataset.current)) return;

    const isListing = isListingPath(exchange.path);
    const nth = isListing ? ++this.listingRequests : 0;
    const quota = this.settings.quota.take(isListing);
    Object.assign(exchange.headers, this.settings.quota.headers(quota));
    await this.delay();

    const fault = isListing ? faultFor(this.faults, nth) : undefined;
    if (fault && respondWithFault(exchange, fault)) return;
    const refusal = refusalOf(exchange, { credentialsOk, isListing, quotaExceeded: quota.exceeded });
    if (refusal) exchange.fail(...refusal);
    else this.serveListing(exchange, fault);
  }

  private async delay(): Promise<void> {
    if (this.settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.latencyMs));
  }

  /** No header is anonymous; a bearer token must be a known one when tokens are configured. */
  private checkCredentials(exchange: Exchange): boolean {
    const authorization = exchange.req.headers.authorization;
    if (authorization === undefined) return true;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const tokens = this.settings.tokens;
    const ok = token !== undefined && (tokens === undefined || tokens.has(token));
    exchange.entry.authenticated = ok;
    return ok;
  }

  private serveListing(exchange: Exchange, fault: Fault | undefined): void {
    let query: ListingQuery;
    let page: { items: number[]; next: string | undefined };
    try {
      query = parseListingQuery(exchange.url.searchParams);
      page = this.settings.dataset.current.page(query, this.settings.providerStatuses, !this.capped);
    } catch (error) {
      if (!(error instanceof ListingError)) throw error;
      exchange.fail(error.status, error.message);
      return;
    }
    const headers: Record<string, string> = {};
    if (page.next !== undefined && !this.capped) {
      headers.Link = `<${nextUrl(exchange, this.settings.fallbackHost, page.next)}>; rel="next"`;
    }
    exchange.send(200, this.pageBody(page.items, query.fields, fault), headers);
  }

  private pageBody(items: readonly number[], fields: readonly string[], fault: Fault | undefined): string {
    const index = this.settings.dataset.current;
    const shape = this.settings.mappingShape;
    if (fault?.kind === 'invalid-item') {
      return withInvalidItem(items.map((i) => project(index.record(i)!, fields, shape)));
    }
    const body = `[${items.map((i) => index.itemJson(i, fields, shape)).join(',')}]`;
    return fault?.kind === 'malformed' ? truncated(body) : body;
  }
}
