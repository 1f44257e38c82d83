import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

const gzipped = promisify(gzip);

/** Under this prefix GraphiQL's script and styles are served, each under a name made of its content's hash. */
const ASSET_PATH = '/graphiql/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  path: string;
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
  etag: string;
}

interface GraphiQLBuild {
  script: Asset;
  styles: Asset;
  favicon: Asset;
}

/**
 * GraphiQL as a small page that loads its script and styles from this server, gzipped and cached for good under
 * hashed names, rather than 9 MB of inline script re-sent on every visit. The installed `@graphql-yoga/render-graphiql`
 * bundle is loaded (and compressed, off the event loop) only when GraphiQL is first asked for, so a server that does
 * not serve it never holds it.
 */
export class GraphiQLAssets {
  #build: Promise<GraphiQLBuild> | null = null;

  /** The page Yoga answers a browser's `GET /graphql` with: no inline script, options in a JSON data block. */
  readonly render = async (options: object): Promise<string> => {
    const { script, styles, favicon } = await this.#built();
    // `<` cannot close the data block when escaped; JSON.parse reads it back unchanged.
    const json = JSON.stringify(options).replaceAll('<', '\\u003c');
    return [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8"><title>hubcat GraphiQL</title>',
      `<link rel="icon" href="${favicon.path}"><link rel="stylesheet" href="${styles.path}">`,
      `<script type="application/json" id="graphiql-options">${json}</script>`,
      `<script defer src="${script.path}"></script>`,
      '</head><body class="no-focus-outline"><div id="root"></div></body></html>',
    ].join('\n');
  };

  /** Serves the script and styles, gzipped when the client accepts it, with an ETag. */
  readonly plugin: Plugin = {
    onRequest: async (payload) => {
      const { request, fetchAPI } = payload;
      const { pathname } = new URL(request.url);
      if (!pathname.startsWith(ASSET_PATH)) return;
      const { script, styles, favicon } = await this.#built();
      const asset = [script, styles, favicon].find((candidate) => candidate.path === pathname);
      payload.endResponse(
        asset ? assetResponse(request, asset, fetchAPI) : new fetchAPI.Response('not found\n', { status: 404 }),
      );
    },
  };

  #built(): Promise<GraphiQLBuild> {
    this.#build ??= build();
    return this.#build;
  }
}

async function build(): Promise<GraphiQLBuild> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const script = [
    'function prepareBlob(content) {',
    "  return URL.createObjectURL(new Blob([content], { type: 'application/javascript' }));",
    '}',
    'const workers = {',
    `  editorWorkerService: prepareBlob(${JSON.stringify(bundle.editorWorkerService)}),`,
    `  json: prepareBlob(${JSON.stringify(bundle.jsonWorker)}),`,
    `  graphql: prepareBlob(${JSON.stringify(bundle.graphqlWorker)}),`,
    '};',
    "self['MonacoEnvironment'] = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };",
    `${bundle.js};`,
    "const options = JSON.parse(document.getElementById('graphiql-options').textContent);",
    "YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);",
  ].join('\n');
  // The icon comes as a 150 KB data: URL, which would make the page itself that large.
  const icon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
  return {
    script: await asset(Buffer.from(script, 'utf8'), 'js', 'text/javascript; charset=utf-8'),
    styles: await asset(Buffer.from(bundle.css, 'utf8'), 'css', 'text/css; charset=utf-8'),
    favicon: await asset(Buffer.from(icon?.[2] ?? '', 'base64'), 'ico', icon?.[1] ?? 'image/x-icon'),
  };
}

async function asset(body: Buffer, extension: string, contentType: string): Promise<Asset> {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return {
    path: `${ASSET_PATH}${hash}.${extension}`,
    body,
    gzipped: await gzipped(body),
    contentType,
    etag: `"${hash}"`,
  };
}

type FetchAPI = Parameters<NonNullable<Plugin['onRequest']>>[0]['fetchAPI'];

function assetResponse(request: Request, asset: Asset, fetchAPI: FetchAPI): Response {
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': IMMUTABLE,
    etag: asset.etag,
    vary: 'accept-encoding',
  };
  if (request.headers.get('if-none-match') === asset.etag) return new fetchAPI.Response(null, { status: 304, headers });
  const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
  if (gzip) headers['content-encoding'] = 'gzip';
  const body = gzip ? asset.gzipped : asset.body;
  headers['content-length'] = String(body.length);
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>;
  return new fetchAPI.Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers });
}
