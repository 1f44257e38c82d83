import { describe, expect, it } from 'vitest';
import { startServeProcess } from '../support/cli.ts';

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
      expect(server.stderr()).toMatch(/npm run demo/);
      expect(server.stderr() + JSON.stringify(body)).not.toContain(token);
    } finally {
      server.stop();
    }
  }, 90_000);
});
