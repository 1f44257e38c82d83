import { describe, expect, it } from 'vitest';
import type { FetchReport } from '../../src/catalog/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { runHubcat } from '../support/cli.ts';

describe('hubcat fetch --providers all', () => {
  const capped = useEmulator({ preset: 'providers-2025-11', capped: true });

  it('prints a row per provider: live, staging, error, complete and the requests it took alone', async () => {
    const result = await runHubcat(['fetch', '--upstream', capped.url, '--providers', 'all']);
    expect(result.code).toBe(0);
    const json = await runHubcat(['fetch', '--upstream', capped.url, '--providers', 'all', '--json']);
    const report = JSON.parse(json.stdout) as FetchReport;
    const truth = capped.providerCounts();

    expect(result.stdout).toMatch(
      new RegExp(`providers \\(20; each set derived from the listing of all, ${report.requestCount} requests shared`),
    );
    for (const provider of report.providers) {
      expect(provider.live).toBe(truth[provider.provider]!.live);
      const row = new RegExp(
        `│ ${provider.provider}\\s*│\\s*${provider.live.toLocaleString('en-US')}\\s*│\\s*${provider.staging}\\s*│` +
          `\\s*${provider.error}\\s*│ yes\\s*│\\s*0\\s*│`,
      );
      expect(result.stdout, provider.provider).toMatch(row);
    }
    expect(result.stdout).toMatch(/router: 2,\d{3} chat models from http:\/\/127\.0\.0\.1:\d+ in 1 request/);
    expect(result.stdout).toMatch(/complete: yes \(covering-partition\)/);
  });

  it('says when a provider is only estimated, and never calls it complete', async () => {
    const result = await runHubcat([
      'fetch',
      '--upstream',
      capped.url,
      '--providers',
      'all',
      '--max-requests',
      '12',
      '--router-endpoint',
      'none',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/│ featherless-ai\s*│[^│]*│[^│]*│[^│]*│ no, ≤ \d+\.\d% of [\d,.]+\s*│\s*\d+\s*│/);
    expect(result.stdout).not.toMatch(/^router:/m);
  });
});
