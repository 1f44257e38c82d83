import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom, PROVIDER } from '../support/fetch.ts';

/** The README states this bound; 100,000 models ÷ the 1,000 cap = 100 parts at the very least. */
const SCALE_REQUEST_BOUND = 1000;

describe('auto strategy at scale: 100,000 served models behind a capped upstream', () => {
  const emulator = useEmulator({ preset: 'scale-100k', capped: true }, 60_000);

  it(`covers every model with a proof in at most ${SCALE_REQUEST_BOUND} requests`, async () => {
    const { report, models } = await fetchFrom(emulator.url, {
      strategy: 'auto',
      sorts: ['createdAt', 'likes', 'downloads'],
      maxRequests: 20_000,
    });

    expect(report.complete).toBe(true);
    expect(report.completeness.method).toBe('covering-partition');
    expect(report.requestCount).toBeLessThanOrEqual(SCALE_REQUEST_BOUND);
    const served = emulator.servedIds(PROVIDER);
    expect(served).toHaveLength(100_000);
    const fetched = new Set([...models].map((model) => model.id));
    expect(fetched.size).toBe(served.length);
    expect(served.every((id) => fetched.has(id))).toBe(true);
  }, 180_000);
});
