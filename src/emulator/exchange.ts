import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestLogEntry {
  /** 1-based position in the log. */
  n: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** 0 when the socket was dropped without a response. */
  status: number;
  authenticated: boolean;
  /** Arrival time, epoch milliseconds. */
  at: number;
}

/** The Hub's request ids look like AWS load balancer trace ids. */
export function requestId(): string {
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return record;
}

/**
 * One request and its answer: the parsed URL (with the raw query kept verbatim for `Link`), the log entry that records
 * the outcome, and the headers every answer carries.
 */
export class Exchange {
  readonly url: URL;
  readonly path: string;
  readonly rawQuery: string;
  readonly entry: RequestLogEntry;
  readonly headers: Record<string, string> = { 'X-Request-Id': requestId() };

  constructor(
    readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    n: number,
  ) {
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    this.rawQuery = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
    this.url = new URL(rawUrl, 'http://emulator');
    this.path = this.url.pathname;
    this.entry = {
      n,
      method: req.method ?? 'GET',
      path: this.path,
      query: queryRecord(this.url.searchParams),
      status: 0,
      authenticated: false,
      at: Date.now(),
    };
  }

  send(status: number, body: string, headers: Record<string, string> = {}): void {
    this.entry.status = status;
    const bytes = Buffer.from(body, 'utf8');
    this.res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(bytes.length),
      ...this.headers,
      ...headers,
    });
    this.res.end(bytes);
  }

  /** An HTML page, as the Hub's website (not its API) answers. */
  page(status: number, html: string): void {
    this.entry.status = status;
    const bytes = Buffer.from(html, 'utf8');
    this.res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(bytes.length) });
    this.res.end(bytes);
  }

  /** The Hub's error shape: `{"error": "..."}`. */
  fail(status: number, error: string, headers: Record<string, string> = {}): void {
    this.send(status, JSON.stringify({ error }), headers);
  }

  /** Closes the connection without an answer, as a crashed proxy would. */
  drop(): void {
    this.req.socket.destroy();
  }
}
