/** Content types of the files a dashboard build contains; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/** Text formats worth compressing; images and fonts already are. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

export function contentTypeOf(fileName: string): { type: string; compressible: boolean } | null {
  const extension = /\.[a-z0-9]+$/.exec(fileName)?.[0] ?? '';
  const type = CONTENT_TYPES[extension];
  return type === undefined ? null : { type, compressible: COMPRESSIBLE.has(extension) };
}
