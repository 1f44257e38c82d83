import { describe, expect, it } from 'vitest';
import { hubcatCli, waitForLine } from '../support/cli.ts';

describe('hubcat serve when the Hub cannot be reached', () => {
  it('keeps serving, answers with the error in catalog.lastError, and says how to run the demo', async () => {
    const token = 'hf_serve_secret_1234';
    const server = hubcatCli(['serve', '--port', '0', '--host', '127.0.0.1'], { HF_ENDPOINT: 'http://127.0.0.1:1', HF_TOKEN: token });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const line = await waitForLine(server, /GraphQL at (http:\/\/\S+)\/graphql/);
      const url = /GraphQL at (http:\/\/\S+)\/graphql/.exec(line)![1]!;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ catalog { size lastError upstream } }' }),
      });
      const body = (await response.json()) as { data: { catalog: { size: number; lastError: string; upstream: string } } };

      expect(response.status).toBe(200);
      expect(body.data.catalog.size).toBe(0);
      expect(body.data.catalog.lastError).toMatch(/refresh failed: .*127\.0\.0\.1:1/);
      expect(stderr).toMatch(/npm run demo/);
      expect(stderr + JSON.stringify(body)).not.toContain(token);
    } finally {
      server.kill('SIGTERM');
    }
  }, 90_000);
});
