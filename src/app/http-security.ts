import type { Plugin } from 'graphql-yoga';

/** Origins whose pages may call the API from a browser: any (`*`), or these exactly. */
type CorsOrigins = '*' | readonly string[];

export interface HttpSecurityOptions {
  corsOrigins: CorsOrigins;
  /** Where Yoga serves GraphQL, and GraphiQL to browsers. */
  graphqlPath?: string;
}

/** The API and every other page: same-origin scripts, styles and fetches only, and no framing. */
const DEFAULT_POLICY = [
  "default-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

// GraphiQL's page loads its script and styles from this server (see graphql/graphiql-assets.ts); Monaco's workers
// start from blob: URLs and it injects style elements, and its icons and fonts are data: URLs. It only ever fetches
// this server's /graphql.
const GRAPHIQL_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers every response carries; the Content-Security-Policy depends on the page. */
const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * What every response starts with, set before anything handles the request, so that one served outside Yoga (the
 * dashboard's pages, its 503 when it is not built, a 404) carries them too; a page replaces the policy with its own.
 */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_HEADERS,
  'content-security-policy': DEFAULT_POLICY,
};

/** The security headers of a response to `pathname` of type `contentType`. */
function securityHeaders(pathname: string, contentType: string | null, graphqlPath = '/graphql') {
  const graphiql = pathname === graphqlPath && (contentType ?? '').startsWith('text/html');
  return { ...COMMON_HEADERS, 'content-security-policy': graphiql ? GRAPHIQL_POLICY : DEFAULT_POLICY };
}

/**
 * CORS and security headers for every response Yoga sends, in place of Yoga's own CORS, which answers any Origin
 * with `Access-Control-Allow-Credentials: true`. hubcat has no cookies or other credentials to share, so it never
 * sends that header: `*` means "any page may read the API anonymously", a list means "only these pages may".
 */
export function httpSecurity(options: HttpSecurityOptions): Plugin {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  return {
    onRequest(payload) {
      const { request, fetchAPI } = payload;
      if (request.method !== 'OPTIONS') return;
      const headers = { ...corsHeaders(request, options.corsOrigins), ...preflightHeaders(request) };
      payload.endResponse(new fetchAPI.Response(null, { status: 204, headers: { ...headers, 'content-length': '0' } }));
    },
    onResponse({ request, response }) {
      const pathname = new URL(request.url).pathname;
      const headers = {
        ...securityHeaders(pathname, response.headers.get('content-type'), graphqlPath),
        ...corsHeaders(request, options.corsOrigins),
      };
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    },
  };
}

function corsHeaders(request: Request, origins: CorsOrigins): Record<string, string> {
  const origin = request.headers.get('origin');
  if (origins === '*') return origin === null ? {} : { 'access-control-allow-origin': '*' };
  // The answer depends on the Origin, so caches must keep one per Origin, allowed or not.
  const vary = { vary: 'Origin' };
  return origin !== null && origins.includes(origin) ? { ...vary, 'access-control-allow-origin': origin } : vary;
}

function preflightHeaders(request: Request): Record<string, string> {
  const requested = request.headers.get('access-control-request-headers');
  return {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    // Any request header may come along: without credentials it grants nothing a page could not do itself.
    ...(requested === null ? {} : { 'access-control-allow-headers': requested }),
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
