import { setTimeout as delay } from 'node:timers/promises';

/** Calls `probe` until `done` holds for its result, and returns that result; fails after `limitMs`. */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  limitMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (performance.now() > deadline) throw new Error(`not done after ${limitMs} ms: ${JSON.stringify(value)}`);
    await delay(everyMs);
  }
}
