import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { contentTypeOf } from './content-types.ts';

/** One file of the dashboard build, held in memory with everything its responses need. */
export interface SiteFile {
  body: Buffer;
  gzipped: Buffer | null;
  contentType: string;
  cacheControl: string;
  etag: string;
}

/** The built dashboard by URL path: `/` for index.html, `/assets/…` for the bundle, `/name` for public files. */
export type Site = ReadonlyMap<string, SiteFile>;

// Vite names every bundle file after a hash of its content, so a name never changes meaning and can be cached for good;
// the page itself must be revalidated, or a browser would keep loading the bundle of an older build.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const PUBLIC_FILE = 'public, max-age=3600';

// Below this, gzip's header and the extra response variant cost more than they save.
const MIN_COMPRESSED_BYTES = 1024;

/** Reads a dashboard build into memory; null when the directory holds no build (`index.html` missing). */
export async function loadSite(dir: URL): Promise<Site | null> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return null;
  }
  const site = new Map<string, SiteFile>();
  for (const name of names.map((entry) => entry.split('\\').join('/'))) {
    const kind = contentTypeOf(name);
    if (kind === null) continue;
    const body = await readFile(new URL(name, dir));
    site.set(urlPathOf(name), {
      body,
      gzipped: kind.compressible && body.length >= MIN_COMPRESSED_BYTES ? gzipSync(body) : null,
      contentType: kind.type,
      cacheControl: name === 'index.html' ? REVALIDATE : name.startsWith('assets/') ? IMMUTABLE : PUBLIC_FILE,
      // Weak: the gzipped and the plain response carry the same content, not the same bytes.
      etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    });
  }
  return site.has('/') ? site : null;
}

function urlPathOf(fileName: string): string {
  return fileName === 'index.html' ? '/' : `/${fileName}`;
}
