import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';

/** A pino logger at `level` whose JSON lines land in an array. */
const recordingLogger = (level: string) => {
  type Line = { level: number; msg: string; operation?: string; status?: number };
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
};

describe('the request log', () => {
  const emulator = useEmulator({ preset: 'tiny' });

  it('writes one debug line per GraphQL request, and none for probes, metrics or the GraphiQL page', async () => {
    const { logger, lines } = recordingLogger('debug');
    const app = appFor(emulator.url, {}, { logger, graphiql: true });
    await query(app, 'query Size { catalog { size } }');
    await query(app, '{ models(first: 1) { totalCount } }');
    for (const path of ['/health', '/readiness', '/metrics']) await app.yoga.fetch(`http://hubcat${path}`);
    const page = await app.yoga.fetch('http://hubcat/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
    await app.close();

    // pino's debug is level 20: nothing else (Yoga's own chatter included) writes at that level.
    const requests = lines.filter((line) => line.level === 20);
    expect(requests.map(({ operation, status }) => ({ operation, status }))).toEqual([
      { operation: 'Size', status: 200 },
      { operation: 'anonymous', status: 200 },
    ]);
    expect(requests[0]?.msg).toMatch(/^graphql Size 200 \d+ ms$/);
  });

  it('writes nothing per request at info level', async () => {
    const { logger, lines } = recordingLogger('info');
    const app = appFor(emulator.url, {}, { logger });
    await query(app, '{ catalog { size } }');
    await app.close();
    expect(lines.filter((line) => line.msg.startsWith('graphql '))).toEqual([]);
  });
});
