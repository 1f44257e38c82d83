import type { IncomingMessage } from 'node:http';
import { EvolveError, type EvolveResult } from './evolve-spec.ts';
import { scheduledSpec } from './evolve.ts';
import type { EvolvingIndex } from './evolving-index.ts';
import type { Exchange } from './exchange.ts';

export const EVOLVE_PATH = '/__evolve';
/** The control endpoint takes a spec, not a dataset: a megabyte is far more than any spec needs. */
const MAX_CONTROL_BODY_BYTES = 1 << 20;

/** The body as text, or undefined past `limit` bytes (the rest is drained so the connection stays usable). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text === '' ? '{}' : text) };
  } catch {
    return { ok: false };
  }
}

/**
 * `POST /__evolve`: the emulator's own control endpoint, not part of the Hub's protocol. The body is an evolve spec;
 * the answer is the evolution's ground truth, or 400 with `{"error"}` for a body it refuses. No fault, quota or token
 * applies to it, and it does not count as a listing request.
 */
export async function serveEvolve(exchange: Exchange, dataset: EvolvingIndex): Promise<void> {
  if (exchange.req.method !== 'POST') {
    exchange.fail(405, `Method ${exchange.entry.method} not allowed: POST an evolve spec`);
    return;
  }
  const text = await readBody(exchange.req, MAX_CONTROL_BODY_BYTES);
  if (text === undefined) {
    exchange.fail(413, `The body exceeds ${MAX_CONTROL_BODY_BYTES} bytes`);
    return;
  }
  const body = parseJson(text);
  if (!body.ok) {
    exchange.fail(400, 'The body is not JSON');
    return;
  }
  try {
    exchange.send(200, JSON.stringify(dataset.evolve(body.value)));
  } catch (error) {
    if (!(error instanceof EvolveError)) throw error;
    exchange.fail(400, error.message);
  }
}

export interface EvolveSchedule {
  seconds: number;
  drift?: boolean;
  onEvolve?: (outcome: EvolveResult | Error) => void;
}

/** Applies a small seeded batch every `seconds`; the timer does not keep the process alive by itself. */
export function evolveOnSchedule(dataset: EvolvingIndex, seed: number, schedule: EvolveSchedule): NodeJS.Timeout {
  if (!(schedule.seconds > 0)) throw new Error(`evolveEvery.seconds must be positive (got ${schedule.seconds})`);
  const timer = setInterval(() => {
    let outcome: EvolveResult | Error;
    try {
      outcome = dataset.evolve(scheduledSpec(seed, dataset.evolutionCount + 1, schedule.drift ?? false));
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    schedule.onEvolve?.(outcome);
  }, schedule.seconds * 1000);
  timer.unref();
  return timer;
}
