import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { runHubcat, startNpmServer, startServeProcess } from '../support/cli.ts';
import { useEmulator } from '../support/emulator.ts';
import { closedPort, occupiedPort } from '../support/ports.ts';

const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const HAS_STACK = /^\s+at /m;

describe('messages a person can read', () => {
  const guarded = useEmulator({ preset: 'tiny', tokens: ['hf_the_right_one'] });
  const emulator = useEmulator({ preset: 'tiny' });

  describe('a port in use', () => {
    it.each([
      ['serve', ['serve', '--host', '127.0.0.1', '--port'], '--port (or PORT)'],
      ['demo', ['demo', '--preset', 'tiny', '--host', '127.0.0.1', '--port'], '--port (or PORT)'],
      ['emulate', ['emulate', '--preset', 'tiny', '--host', '127.0.0.1', '--port'], '--port'],
    ])('%s names the port and the flag that picks another, in one line', async (_command, args, flag) => {
      const taken = await occupiedPort();
      try {
        const result = await runHubcat([...args, String(taken.port)], { HF_ENDPOINT: emulator.url });
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          `hubcat: port ${taken.port} is already in use (another hubcat?); ` +
            `stop what listens there or choose another with ${flag}\n`,
        );
        expect(result.stdout).toBe('');
      } finally {
        await taken.release();
      }
    });

    it('adds the stack trace only at debug level', async () => {
      const taken = await occupiedPort();
      try {
        const args = ['serve', '--host', '127.0.0.1', '--port', String(taken.port)];
        const quiet = await runHubcat(args, { HF_ENDPOINT: emulator.url });
        const debug = await runHubcat(args, { HF_ENDPOINT: emulator.url, HUBCAT_LOG_LEVEL: 'debug' });
        expect(quiet.stderr).not.toMatch(HAS_STACK);
        expect(debug.stderr).toMatch(/EADDRINUSE/);
        expect(debug.stderr).toMatch(HAS_STACK);
      } finally {
        await taken.release();
      }
    });
  });

  it('a misspelt HUBCAT_ variable: a warning naming the closest setting, before anything else', async () => {
    const port = await closedPort();
    const result = await runHubcat(['changes', '--server', `http://127.0.0.1:${port}`], {
      HUBCAT_CACHE_ULR: 'redis://127.0.0.1:6379',
      HUBCAT_RATELIMIT: '10',
      HUBCAT_LOG_LEVEL: 'warn',
    });

    expect(lines(result.stderr).slice(0, 2)).toEqual([
      'hubcat: warning: HUBCAT_CACHE_ULR is not a hubcat setting, so it is ignored; did you mean HUBCAT_CACHE_URL?',
      'hubcat: warning: HUBCAT_RATELIMIT is not a hubcat setting, so it is ignored; did you mean HUBCAT_RATE_LIMIT?',
    ]);
    expect(result.stderr).not.toMatch(/HUBCAT_LOG_LEVEL is not/);
  });

  it('an unknown host name: no retry, the hint at once', async () => {
    const endpoint = 'http://hubcat-no-such-host.invalid';
    const started = performance.now();
    const result = await runHubcat(['fetch', '--strategy', 'multi-sort', '--json'], { HF_ENDPOINT: endpoint });

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'hubcat: every sort failed (likes, downloads), so there is no catalog and no report',
      expect.stringMatching(
        new RegExp(
          `^hubcat: cannot reach ${endpoint.replaceAll('.', '\\.')}: .+ \\(1 attempt\\); check --upstream or HF_ENDPOINT`,
        ),
      ),
    ]);
    // Six attempts over 26 s before; now the process's own start-up is most of it.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('an unreachable Hub: one line per attempt, then the endpoint once, and no report', async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const result = await runHubcat(['fetch', '--strategy', 'multi-sort', '--json'], {
      HF_ENDPOINT: endpoint,
      HUBCAT_MAX_RETRIES: '2',
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const [retries, summary] = [lines(result.stderr).slice(0, -2), lines(result.stderr).slice(-2)];
    expect(summary).toEqual([
      'hubcat: every sort failed (likes, downloads), so there is no catalog and no report',
      `hubcat: cannot reach ${endpoint}: connection refused (3 attempts); ` +
        'check --upstream or HF_ENDPOINT, or run `npm run demo` to try hubcat offline',
    ]);
    // Sorts retry concurrently, so their lines interleave; each wait is the policy's 1 s, then 2 s, ±20 %.
    const waits = { 1: [0.8, 1.2], 2: [1.6, 2.4] } as Record<number, [number, number]>;
    for (const line of retries) {
      const match =
        /^(likes|downloads): 127\.0\.0\.1:(\d+) — connection refused; attempt (\d) of 3, next retry in ([\d.]+) s$/.exec(
          line,
        );
      expect(match, line).not.toBeNull();
      expect(Number(match![2])).toBe(port);
      const [low, high] = waits[Number(match![3])]!;
      expect(Number(match![4])).toBeGreaterThanOrEqual(low);
      expect(Number(match![4])).toBeLessThanOrEqual(high);
    }
    expect(retries.map((line) => line.replace(/ in [\d.]+ s$/, '')).sort()).toEqual(
      ['downloads', 'likes'].flatMap((sort) =>
        [1, 2].map((attempt) => `${sort}: 127.0.0.1:${port} — connection refused; attempt ${attempt} of 3, next retry`),
      ),
    );
  }, 30_000);

  it('a bad token: the Hub says 401, hubcat says which setting to check, and never shows the token', async () => {
    const token = 'hf_wrong_secret_7f3a9c';
    const result = await runHubcat(['fetch', '--strategy', 'multi-sort'], {
      HF_ENDPOINT: guarded.url,
      HF_TOKEN: token,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'hubcat: every sort failed (likes, downloads), so there is no catalog and no report',
        `hubcat: ${guarded.url} refused the token with 401 (Invalid credentials in Authorization header); ` +
          'check HF_TOKEN',
        '',
      ].join('\n'),
    );
    expect(result.stderr).not.toContain('wrong_secret');
  });

  it('an unreachable Redis: logged once, with the URL, while the catalog is served from memory', async () => {
    const port = await closedPort();
    const server = await startServeProcess(['--strategy', 'multi-sort'], {
      HF_ENDPOINT: emulator.url,
      HUBCAT_CACHE_URL: `redis://:s3cret@127.0.0.1:${port}`,
    });
    try {
      for (let i = 0; i < 3; i++) {
        const { body } = await server.post<{ catalog: { size: number } }>('{ catalog { size } }');
        expect(body.data.catalog.size).toBe(emulator.servedIds('hf-inference').length);
      }
      const logged = lines(server.stderr()).map((line) => JSON.parse(line) as { level: string; msg: string });
      expect(logged.filter((line) => line.level === 'error').map((line) => line.msg)).toEqual([
        `Redis at redis://:***@127.0.0.1:${port} is unavailable; serving the catalog from memory until it answers`,
      ]);
      expect(server.stderr()).not.toContain('s3cret');
    } finally {
      server.stop();
    }
  });

  it('usage errors exit with 2 in two lines, without the whole help', async () => {
    const result = await runHubcat(['fetch', '--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("hubcat: unknown option '--no-such-flag'\n(add --help for usage)\n");
  });

  it('--version prints the package version', async () => {
    const result = await runHubcat(['--version']);
    expect(result).toEqual({ code: 0, stdout: `hubcat ${packageJson.version}\n`, stderr: '' });
  });
});

describe('npm start without a reachable Hub', () => {
  it('says so at startup, before any query, with the way to run the demo instead', async () => {
    const port = await closedPort();
    const server = await startNpmServer(['start', '--', '--port', '0', '--host', '127.0.0.1'], {
      HF_ENDPOINT: `http://127.0.0.1:${port}`,
    });
    try {
      await expect
        .poll(() => server.stderr(), { timeout: 10_000 })
        .toContain(
          `cannot reach the Hub at http://127.0.0.1:${port}; hubcat keeps serving and retrying; ` +
            'to try hubcat offline, run `npm run demo` (the bundled Hub emulator)',
        );
      expect(server.stderr()).toMatch(/connection refused; attempt 1 of 6, next retry in/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);
});
