import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the hostile upstream does instead of passing the real upstream's answer on. */
export type Hostility =
  /** Passes answers on, with the `rel="next"` target (already moved to the proxy's origin) rewritten. */
  | { kind: 'link'; to: (next: URL) => string }
  /** Answers every request with a redirect. */
  | { kind: 'redirect'; status: number; location: (requested: URL) => string }
  /** Answers every request with this body (read at each request, so a test may change it between requests). */
  | { kind: 'body'; status: number; body: string; contentType: string }
  /** Passes answers on, each listing page's items as `items` rewrites them (the `Link` moved to the proxy). */
  | { kind: 'items'; items: (requested: URL, items: Record<string, unknown>[]) => unknown[] };

export interface RunningServer {
  url: string;
  /** Path and query of every request received, in order. */
  requests: string[];
  close: () => Promise<void>;
}

/**
 * A reverse proxy in front of a real upstream (the emulator) that plays a compromised or misconfigured Hub. Left
 * alone (`link` with the identity), it is an honest proxy: the `Link` it passes on points at itself.
 */
export function startHostileUpstream(upstream: string, hostility: Hostility): Promise<RunningServer> {
  return serve(async (request, response, self) => {
    const requested = new URL(request.url ?? '/', self);
    if (hostility.kind === 'redirect') {
      response.writeHead(hostility.status, { location: hostility.location(requested) }).end();
      return;
    }
    if (hostility.kind === 'body') {
      response.writeHead(hostility.status, { 'content-type': hostility.contentType }).end(hostility.body);
      return;
    }
    const answer = await fetch(new URL(`${requested.pathname}${requested.search}`, upstream), {
      headers: request.headers.authorization ? { authorization: request.headers.authorization } : {},
    });
    const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? '' };
    const link = answer.headers.get('link');
    if (link !== null) {
      const next = /<([^>]*)>/.exec(link)![1]!;
      const moved = new URL(next);
      const proxied = new URL(`${moved.pathname}${moved.search}`, self);
      headers['link'] = `<${hostility.kind === 'link' ? hostility.to(proxied) : proxied.href}>; rel="next"`;
    }
    const text = await answer.text();
    const body =
      hostility.kind === 'items' && answer.ok
        ? JSON.stringify(hostility.items(requested, JSON.parse(text) as Record<string, unknown>[]))
        : text;
    response.writeHead(answer.status, headers).end(body);
  });
}

/** A foreign host that logs every request it gets and answers each with an empty listing. */
export function startForeignHost(): Promise<RunningServer> {
  return serve(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
}

async function serve(
  handle: (request: IncomingMessage, response: ServerResponse, self: string) => Promise<void>,
): Promise<RunningServer> {
  const requests: string[] = [];
  let self = '';
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    handle(request, response, self).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
