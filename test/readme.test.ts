import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/config.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('the README', () => {
  it.each(Object.entries(SETTINGS))('documents %s with its flag, variables and default', (_key, setting) => {
    const start = setting.flag === null ? `| — | \`${setting.env[0]}\`` : `| \`${setting.flag}\``;
    const row = readme.split('\n').find((line) => line.startsWith(start));
    expect(row, `no configuration row starting ${start}`).toBeDefined();
    for (const variable of setting.env) expect(row).toContain(`\`${variable}\``);
    if ('fallback' in setting) expect(row).toContain(`\`${setting.fallback}\``);
  });

  it('quick start is two commands that exist: the demo and the tests', () => {
    const quickStart = readme.slice(
      readme.indexOf('## Quick start'),
      readme.indexOf('## ', readme.indexOf('## Quick start') + 3),
    );
    const commands = [...quickStart.matchAll(/^(npm [^#\n]+?)\s*(#.*)?$/gm)].map((match) => match[1]);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
    expect(packageJson.scripts.demo).toBeDefined();
    expect(packageJson.scripts.test).toContain('vitest run');
  });
});
