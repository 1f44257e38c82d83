import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { hubcatCli, startNpmServer, waitForLine } from '../support/cli.ts';
import { isListening, msUntilClosed } from '../support/ports.ts';

const GRACE_S = 4;

/** The pid of the node process that serves, from its own log lines. */
const servingPid = (stderr: string): number => {
  const line = stderr.split('\n').find((candidate) => candidate.includes('"msg":"hubcat serving"'));
  return (JSON.parse(line ?? '{}') as { pid: number }).pid;
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('stopping on SIGTERM, as a process manager does', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  const slow = useEmulator({ preset: 'tiny', latencyMs: 1500 });

  it.each([
    ['npm start', ['start', '--', '--port', '0', '--host', '127.0.0.1']],
    ['npm run demo', ['run', 'demo', '--', '--port', '0', '--host', '127.0.0.1', '--preset', 'tiny']],
  ])(
    '%s: SIGTERM to npm itself frees the port within the grace period and leaves no server behind',
    async (_name, args) => {
      const server = await startNpmServer(args, {
        HF_ENDPOINT: emulator.url,
        HUBCAT_SHUTDOWN_GRACE_S: String(GRACE_S),
      });
      await expect.poll(() => servingPid(server.stderr())).toBeGreaterThan(0);
      const pid = servingPid(server.stderr());
      expect(pid).not.toBe(server.child.pid);
      expect(await isListening(server.port)).toBe(true);

      server.child.kill('SIGTERM');
      try {
        expect(await msUntilClosed(server.port, GRACE_S * 1000)).toBeLessThan(GRACE_S * 1000);
        await server.exited;
        await expect.poll(() => isRunning(pid), { timeout: GRACE_S * 1000 }).toBe(false);
        expect(server.stderr()).toMatch(/shutting down, in-flight requests have 4 s to finish/);
      } finally {
        // An orphan left by a failure here would hold its port for the rest of the run.
        if (isRunning(pid)) process.kill(pid, 'SIGKILL');
      }
    },
    60_000,
  );

  it('Ctrl-C under npm start (SIGINT to the whole process group) still lets a request in flight finish', async () => {
    const server = await startNpmServer(
      ['start', '--', '--port', '0', '--host', '127.0.0.1', '--lazy'],
      { HF_ENDPOINT: slow.url, HUBCAT_STRATEGY: 'multi-sort' },
      { ownProcessGroup: true },
    );
    await expect.poll(() => servingPid(server.stderr())).toBeGreaterThan(0);
    const pid = servingPid(server.stderr());
    try {
      const inFlight = fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ catalog { size } }' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(-server.child.pid!, 'SIGINT');

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { catalog: { size: slow.servedIds('hf-inference').length } } });
      await expect.poll(() => isRunning(pid), { timeout: GRACE_S * 1000 }).toBe(false);
      expect(server.stderr()).not.toMatch(/exiting now/);
    } finally {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 60_000);

  it('lets a request in flight finish, refuses new connections meanwhile, and exits 0', async () => {
    const child = hubcatCli(['serve', '--port', '0', '--host', '127.0.0.1', '--lazy'], {
      HF_ENDPOINT: slow.url,
      HUBCAT_STRATEGY: 'multi-sort',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = /GraphQL at (\S+)\/graphql/.exec(await waitForLine(child, /GraphQL at/))![1]!;
    const port = Number(new URL(url).port);

    // Cold and lazy: this query waits for a fetch whose every Hub request takes 1.5 s.
    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ catalog { size } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    await expect.poll(() => isListening(port)).toBe(false);

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { catalog: { size: slow.servedIds('hf-inference').length } } });
    expect(await exited).toBe(0);
  }, 30_000);

  it('cuts what is still running when the grace period ends, and still exits 0', async () => {
    const child = hubcatCli(['serve', '--port', '0', '--host', '127.0.0.1', '--lazy'], {
      HF_ENDPOINT: slow.url,
      HUBCAT_STRATEGY: 'multi-sort',
      HUBCAT_SHUTDOWN_GRACE_S: '0',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = /GraphQL at (\S+)\/graphql/.exec(await waitForLine(child, /GraphQL at/))![1]!;

    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ catalog { size } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = performance.now();
    child.kill('SIGTERM');

    await expect(inFlight).rejects.toThrow();
    expect(await exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(1000);
  }, 30_000);
});
