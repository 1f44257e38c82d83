import type { Exchange } from './exchange.ts';

/** A failure injected into the `on`-th `/api/models` request (1-based, since start or the last `resetLog`), or all. */
export type Fault =
  | { on: number | 'all'; kind: 'status'; status: number; body?: string }
  | { on: number | 'all'; kind: 'rate-limit'; resetSeconds: number }
  | { on: number | 'all'; kind: 'malformed' }
  | { on: number | 'all'; kind: 'invalid-item' }
  | { on: number | 'all'; kind: 'drop' };

export function faultFor(faults: readonly Fault[], nth: number): Fault | undefined {
  return faults.find((f) => f.on === 'all' || f.on === nth);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers in the fault's place when it replaces the whole response (drop, status, rate limit); false when the request
 * goes on (faults in the body come later). A status body that is not JSON goes out as HTML, like a proxy's error page.
 */
export function respondWithFault(exchange: Exchange, fault: Fault): boolean {
  switch (fault.kind) {
    case 'drop':
      exchange.drop();
      return true;
    case 'status': {
      const body = fault.body ?? JSON.stringify({ error: `Emulated fault: HTTP ${fault.status}` });
      exchange.send(fault.status, body, isJson(body) ? {} : { 'Content-Type': 'text/html; charset=utf-8' });
      return true;
    }
    case 'rate-limit':
      exchange.fail(429, 'You have been rate-limited; you can retry this action in about 5 minutes.', {
        RateLimit: `"api";r=0;t=${fault.resetSeconds}`,
      });
      return true;
    default:
      return false;
  }
}

/** A page with one item missing its `id` (or, for an empty page, one item that is only an `_id`). */
export function withInvalidItem(items: Record<string, unknown>[]): string {
  const broken = items[Math.floor(items.length / 2)];
  if (broken) delete broken.id;
  else items.push({ _id: '000000000000000000000000' });
  return JSON.stringify(items);
}

/** A body cut in half: a 200 whose JSON does not parse. */
export function truncated(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}
