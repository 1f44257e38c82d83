import { describe, expect, it } from 'vitest';
import { hubcatCli, runHubcat, waitForLine } from '../support/cli.ts';

describe('hubcat emulate', () => {
  it('prints the base URL to put in HF_ENDPOINT, which serves the listing, and evolves on a schedule', async () => {
    const child = hubcatCli(['emulate', '--port', '0', '--preset', 'tiny', '--evolve-every', '0.2']);
    try {
      const line = await waitForLine(child, /HF_ENDPOINT=/);
      const endpoint = /HF_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+)(\s|$)/.exec(line)?.[1];
      expect(endpoint, line).toBeDefined();
      const listing = await fetch(`${endpoint!}/api/models?limit=1`);
      expect(listing.status).toBe(200);
      expect(await listing.json()).toHaveLength(1);
      expect(await waitForLine(child, /^evolution \d+ at /)).toMatch(/hf-inference serves \d+/);
      const evolved = await fetch(`${endpoint!}/__evolve`, { method: 'POST', body: '{"added": 2}' });
      expect(evolved.status).toBe(200);
      expect(((await evolved.json()) as { added: unknown[] }).added).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses a period that is not a positive number of seconds', async () => {
    const result = await runHubcat(['emulate', '--port', '0', '--preset', 'tiny', '--evolve-every', 'soon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--evolve-every must be a positive number of seconds/);
  }, 60_000);
});
