import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runHubcat, startServeProcess } from '../support/cli.ts';

describe('hubcat serve when the Hub cannot be reached', () => {
  it('keeps serving, answers with the error in catalog.lastError, and says how to run the demo', async () => {
    const token = 'hf_serve_secret_1234';
    // One retry, not the default five (about 30 s of backing off): the failure, not the retry policy, is what this
    // test is about (test/hub/retry-policy.test.ts specifies the policy).
    const server = await startServeProcess([], {
      HF_ENDPOINT: 'http://127.0.0.1:1',
      HF_TOKEN: token,
      HUBCAT_MAX_RETRIES: '1',
    });
    try {
      type Catalog = { catalog: { size: number; refreshing: boolean; lastError: string | null } };
      const first = await server.post<Catalog>('{ catalog { size refreshing lastError } }');
      // The first query waits at most the cold wait (10 s) while the fetch retries the Hub; the failure shows after.
      let { status, body } = first;
      while (body.data.catalog.lastError === null && body.data.catalog.refreshing) {
        await delay(500);
        ({ status, body } = await server.post<Catalog>('{ catalog { size refreshing lastError } }'));
      }

      expect(first.status).toBe(200);
      expect(status).toBe(200);
      expect(body.data.catalog.size).toBe(0);
      expect(body.data.catalog.lastError).toMatch(/refresh failed: .*127\.0\.0\.1:1/);
      expect(await server.stderrMatching(/npm run demo/)).toMatch(/npm run demo/);
      expect(server.stderr() + JSON.stringify(body)).not.toContain(token);
    } finally {
      server.stop();
    }
  }, 90_000);
});

describe('hubcat serve with a malformed HF_TOKEN', () => {
  it('stops at startup with one line naming the variable, not a stack trace, and never prints the token', async () => {
    const result = await runHubcat(['serve', '--port', '0', '--host', '127.0.0.1'], {
      HF_ENDPOINT: 'http://127.0.0.1:1',
      HF_TOKEN: 'hf_secret part7f3a',
    });

    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'hubcat: HF_TOKEN: must be a Bearer token: letters, digits and -._~+/ only',
    ]);
    expect(result.stdout + result.stderr).not.toMatch(/secret|part7f3a/);
  });
});
