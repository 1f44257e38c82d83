import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config.ts';
import { runHubcat } from '../support/cli.ts';

/** Help wraps to the terminal's width; a test reads it as one line. */
const helpOf = async (command: string) => {
  const result = await runHubcat([command, '--help']);
  expect(result.code).toBe(0);
  return result.stdout.replace(/\s+/g, ' ');
};

const FETCH_FLAGS = [
  '--upstream',
  '--provider',
  '--strategy',
  '--sorts',
  '--page-size',
  '--concurrency',
  '--max-requests',
  '--timeout-ms',
  '--max-retries',
];

describe('--help', () => {
  it('fetch shows each setting with its environment variable and default', async () => {
    const help = await helpOf('fetch');
    const settings = Object.values(SETTINGS).filter((spec) => FETCH_FLAGS.includes(spec.flag ?? ''));
    expect(settings).toHaveLength(FETCH_FLAGS.length);
    for (const spec of settings) {
      const fallback = 'fallback' in spec ? `, default ${spec.fallback}` : '';
      expect(help).toContain(`${spec.flag} `);
      expect(help).toContain(`(env ${spec.env.join(', ')}${fallback})`);
    }
  });

  it('serve offers every setting that has a flag, and --lazy', async () => {
    const help = await helpOf('serve');
    for (const spec of Object.values(SETTINGS)) if (spec.flag !== null) expect(help).toContain(`${spec.flag} `);
    expect(help).toContain('--lazy');
  });

  it('demo does not offer --upstream, which it could only ignore', async () => {
    const help = await helpOf('demo');
    expect(help).not.toContain('--upstream');
    expect(help).toContain('--preset');
  });
});
