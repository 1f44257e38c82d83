import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'graphql-yoga';

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
 * bundle is read and compressed in a thread of its own when GraphiQL is first asked for (that visit waits for it, no
 * other request does); a server that does not serve GraphiQL never loads it.
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

/**
 * Builds the assets in a thread of its own: the bundle is a 9 MB module whose parsing, and the hashing and
 * compression of what is made of it, would otherwise hold up every request for most of a second. The thread hands the
 * bytes back without copying them.
 */
async function build(): Promise<GraphiQLBuild> {
  const worker = new Worker(BUILDER, {
    eval: true,
    workerData: { bundle: require.resolve('@graphql-yoga/render-graphiql/graphiql') },
  });
  try {
    const built = await new Promise<Record<'script' | 'styles' | 'favicon', BuiltAsset>>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return {
      script: asset(built.script, 'js', 'text/javascript; charset=utf-8'),
      styles: asset(built.styles, 'css', 'text/css; charset=utf-8'),
      favicon: asset(built.favicon, 'ico', built.favicon.type ?? 'image/x-icon'),
    };
  } finally {
    void worker.terminate();
  }
}

const require = createRequire(import.meta.url);

interface BuiltAsset {
  body: Uint8Array;
  gzipped: Uint8Array;
  hash: string;
  type?: string;
}

// CommonJS, so that the thread needs no TypeScript loader. The page's boot script mirrors
// `@graphql-yoga/render-graphiql`'s, reading its options from a JSON data block instead of inline code.
const BUILDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { gzipSync } = require('node:zlib');
const bundle = require(workerData.bundle);
const script = [
  'function prepareBlob(content) {',
  "  return URL.createObjectURL(new Blob([content], { type: 'application/javascript' }));",
  '}',
  'const workers = {',
  '  editorWorkerService: prepareBlob(' + JSON.stringify(bundle.editorWorkerService) + '),',
  '  json: prepareBlob(' + JSON.stringify(bundle.jsonWorker) + '),',
  '  graphql: prepareBlob(' + JSON.stringify(bundle.graphqlWorker) + '),',
  '};',
  "self['MonacoEnvironment'] = { globalAPI: false, getWorkerUrl: (moduleId, label) => workers[label] };",
  bundle.js + ';',
  "const options = JSON.parse(document.getElementById('graphiql-options').textContent);",
  "YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);",
].join('\\n');
// The icon comes as a 150 KB data: URL, which would make the page itself that large.
const icon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
const made = (body) => ({
  body,
  gzipped: gzipSync(body),
  hash: createHash('sha256').update(body).digest('base64url').slice(0, 16),
});
const built = {
  script: made(Buffer.from(script, 'utf8')),
  styles: made(Buffer.from(bundle.css, 'utf8')),
  favicon: { ...made(Buffer.from(icon ? icon[2] : '', 'base64')), type: icon ? icon[1] : undefined },
};
const buffers = Object.values(built).flatMap((asset) => [asset.body.buffer, asset.gzipped.buffer]);
parentPort.postMessage(built, [...new Set(buffers)]);
`;

function asset(built: BuiltAsset, extension: string, contentType: string): Asset {
  return {
    path: `${ASSET_PATH}${built.hash}.${extension}`,
    body: Buffer.from(built.body.buffer, built.body.byteOffset, built.body.byteLength),
    gzipped: Buffer.from(built.gzipped.buffer, built.gzipped.byteOffset, built.gzipped.byteLength),
    contentType,
    etag: `"${built.hash}"`,
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
