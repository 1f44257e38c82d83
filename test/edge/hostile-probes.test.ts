import { describe, expect, it } from 'vitest';
import { PROBES, SMALL_PROBES } from '../support/hostile-probes.ts';
import { percentile } from '../support/probe-harness.ts';

/**
 * The table, probe by probe, at small sizes (each limit it meets is configured to match), against a `hubcat
 * serve` of its own: the attack is refused or survived, a `{ __typename }` sent meanwhile from another client (another
 * thread, so that its clock measures the server) answers within 250 ms, and memory stays bounded.
 */
describe('hostile probes against hubcat serve', () => {
  it.each(Object.entries(PROBES))(
    '%s: refused or survived, { __typename } within 250 ms meanwhile, memory bounded',
    async (_name, probe) => {
      const result = await probe(SMALL_PROBES);
      expect(result.held, `${result.probe}: ${JSON.stringify(result.outcome)} (${result.note})`).toBe(true);
      expect(result.latencies.length).toBeGreaterThan(5);
      expect(percentile(result.latencies, 0.99), JSON.stringify(result.latencies.map(Math.round))).toBeLessThanOrEqual(
        250,
      );
      expect(result.rssPeakMb - result.rssStartMb).toBeLessThan(150);
      expect(result.rssEndMb - result.rssStartMb).toBeLessThan(50);
    },
    60_000,
  );
});
