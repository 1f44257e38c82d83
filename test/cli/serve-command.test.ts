import { describe, expect, it } from 'vitest';
import { runHubcat, startServeProcess } from '../support/cli.ts';

describe('hubcat serve when the Hub cannot be reached', () => {
  it('keeps serving, answers with the error in catalog.lastError, and says how to run the demo', async () => {
    const token = 'hf_serve_secret_1234';
    const server = await startServeProcess([], { HF_ENDPOINT: 'http://127.0.0.1:1', HF_TOKEN: token });
    try {
      const { status, body } = await server.post<{ catalog: { size: number; lastError: string } }>(
        '{ catalog { size lastError upstream } }',
      );

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
