import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import type { FetchReport } from '../../src/catalog/index.ts';
import { runHubcat } from '../support/cli.ts';

describe('hubcat fetch', () => {
  const capped = useEmulator({ preset: 'gateway-2025-10', capped: true });
  const guarded = useEmulator({ preset: 'gateway-2025-10', tokens: ['hf_the_right_one'] });

  it('reports the gateway figures as JSON against a capped upstream with --sorts likes,downloads', async () => {
    const result = await runHubcat([
      'fetch',
      '--upstream',
      capped.url,
      '--strategy',
      'multi-sort',
      '--sorts',
      'likes,downloads',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as FetchReport;

    expect(report.sorts.map((sort) => [sort.sort, sort.returned, sort.new, sort.duplicates])).toEqual([
      ['likes', 1000, 1000, 0],
      ['downloads', 1000, 204, 796],
    ]);
    expect(report.uniqueModels).toBe(1204);
    expect(report.overlaps[0]).toMatchObject({ a: 'likes', b: 'downloads', shared: 796 });
    expect(report.complete).toBe(false);
    // Progress goes to stderr as plain lines when it is not a terminal, so stdout stays parseable.
    expect(result.stderr).toMatch(/page 1 of likes: 1,000 items, capped \(full page, no cursor\)/);
  });

  it('prints the same figures as a readable table, then the estimates', async () => {
    const result = await runHubcat(['fetch', '--strategy', 'multi-sort'], {
      HF_ENDPOINT: capped.url,
      HUBCAT_SORTS: 'likes,downloads',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1,204 unique models in 2 requests/);
    expect(result.stdout).toMatch(/│ downloads\s*│\s*1\s*│\s*1\s*│\s*1,000\s*│\s*204\s*│\s*796\s*│\s*1,204\s*│ capped/);
    expect(result.stdout).toMatch(/complete: no/);
    expect(result.stdout).toMatch(/Chapman likes×downloads: 1,256\.2/);
    expect(result.stdout).toMatch(/Chao lower bound: 1,308\.6/);
  });

  it('shows the covering proof under the default auto strategy', async () => {
    const result = await runHubcat(['fetch'], { HF_ENDPOINT: capped.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1,377 unique models/);
    expect(result.stdout).toMatch(/complete: yes \(covering-partition\)/);
    expect(result.stdout).toMatch(/partition queries \(\d+\)/);
  });

  it("passes on the Hub's 401 message for a bad token and never prints the token", async () => {
    const token = 'hf_wrong_secret_7f3a9c';
    const result = await runHubcat(['fetch', '--strategy', 'multi-sort'], {
      HF_ENDPOINT: guarded.url,
      HF_TOKEN: token,
    });

    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/401/);
    expect(result.stdout + result.stderr).toMatch(/Invalid credentials in Authorization header/);
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(result.stdout + result.stderr).not.toContain('wrong_secret');
  });

  it.each([
    [{ HUBCAT_PAGE_SIZE: '5000' }, 'hubcat: HUBCAT_PAGE_SIZE: must be between 1 and 1000 (got "5000")'],
    [{ HUBCAT_SORTS: 'likes,trending' }, 'hubcat: HUBCAT_SORTS: unknown sort key "trending"'],
    [{ HF_ENDPOINT: 'not a url' }, 'hubcat: HF_ENDPOINT: must be an http(s) URL (got "not a url")'],
  ])('stops on %o with one clear line naming the setting', async (env, line) => {
    const result = await runHubcat(['fetch'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toContain(line);
    expect(result.stdout).toBe('');
  });
});
