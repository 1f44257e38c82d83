import type { IncomingMessage, ServerResponse } from 'node:http';
import { DASHBOARD_BUILD_DIR } from './build-dir.ts';
import { loadSite, type Site, type SiteFile } from './dashboard-site.ts';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * What the page needs and nothing more: its script, styles, icon and GraphQL calls all come from this origin, and
 * it never needs inline code, inline styles or eval.
 */
const DASHBOARD_CSP = "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

const NOT_BUILT =
  'hubcat: the dashboard is not built. Run `npm run build:web` (`npm run demo` and `npm start` run it first), ' +
  'then reload. The GraphQL API is at /graphql.\n';

/**
 * Serves the dashboard at `/` and its files, and hands every other request to `next` (the GraphQL server).
 * Only the files of the build are served, looked up by exact path, so no request can name a file outside it.
 */
export function serveDashboard(next: RequestListener, options: { dir?: URL } = {}): RequestListener {
  const dir = options.dir ?? DASHBOARD_BUILD_DIR;
  let site: Promise<Site | null> | null = null;
  const currentSite = async (): Promise<Site | null> => {
    site ??= loadSite(dir);
    const loaded = await site;
    // A missing build is looked for again on the next request, so building while the server runs is enough.
    if (loaded === null) site = null;
    return loaded;
  };
  return (request, response) => {
    const path = pathOf(request.url);
    if (!ownsPath(path) && !ROOT_FILE.test(path)) {
      next(request, response);
      return;
    }
    currentSite().then(
      (loaded) => {
        const file = loaded?.get(path);
        if (file === undefined && !ownsPath(path)) next(request, response);
        else respond(request, response, file, loaded !== null);
      },
      () => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('hubcat: the dashboard build could not be read\n');
      },
    );
  };
}

/** Names like `/favicon.svg`: public files of the build, or not ours; only the build can say. */
const ROOT_FILE = /^\/[^/]+\.[a-z0-9]+$/;

const ownsPath = (path: string): boolean => path === '/' || path.startsWith('/assets/');

/** The path of a request target: an origin-form path, in which `//x` is a path and not a host, or an absolute URL. */
function pathOf(target = '/'): string {
  const url = target.startsWith('/') ? `http://hubcat${target}` : target;
  return URL.canParse(url) ? new URL(url).pathname : '';
}

function respond(request: IncomingMessage, response: ServerResponse, file: SiteFile | undefined, built: boolean): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    response.end('method not allowed\n');
  } else if (file === undefined) {
    response.writeHead(built ? 404 : 503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(built ? 'not found\n' : NOT_BUILT);
  } else {
    sendFile(request, response, file);
  }
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: SiteFile): void {
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'cache-control': file.cacheControl,
    etag: file.etag,
    'x-content-type-options': 'nosniff',
  };
  if (file.contentType.startsWith('text/html')) headers['content-security-policy'] = DASHBOARD_CSP;
  if (request.headers['if-none-match'] === file.etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  let body = file.body;
  if (file.gzipped !== null) {
    headers.vary = 'accept-encoding';
    if (acceptsGzip(request.headers['accept-encoding'])) {
      headers['content-encoding'] = 'gzip';
      body = file.gzipped;
    }
  }
  headers['content-length'] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((coding) => {
    const [name, ...parameters] = coding.trim().toLowerCase().split(';');
    return name === 'gzip' && !parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter));
  });
}
