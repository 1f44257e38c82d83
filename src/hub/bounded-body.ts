import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** How much of an error body is read for its message: enough for any JSON error, never a whole page. */
export const MAX_ERROR_BYTES = 64 * 1024;

/**
 * The body as text, or null once it passes `limit` bytes (declared or read), which stops reading it: a page that would
 * be too large to hold is never held whole.
 */
export async function readBounded(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel();
    return null;
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

let parsing: Promise<unknown> = Promise.resolve();

/**
 * Runs `parse` (JSON.parse and validation of one page, which block the event loop) after every parse queued before it,
 * each once the event loop has had a turn: pages that arrive together are parsed one after another with the server's
 * other work in between, so an API request waits for at most one page's parse, never for all of them.
 */
export function parseOnePageAtATime<T>(parse: () => T): Promise<T> {
  const turn = parsing.then(async () => {
    await yieldToEventLoop();
    return parse();
  });
  parsing = turn.catch(() => undefined);
  return turn;
}
