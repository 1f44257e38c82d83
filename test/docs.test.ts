import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envExample } from '../scripts/env-example.ts';
import { readRegions } from '../scripts/readme-regions.ts';
import { readmeSamples } from '../scripts/readme-samples.ts';
import { SETTINGS } from '../src/config.ts';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** `NAME=value` lines of a dotenv file. */
const assignments = (text: string) =>
  new Map(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );

/** The variables named in the environment column of the README's configuration table. */
const tableVariables = (readme: string) => {
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration')),
  );
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| flag'));
  return rows.flatMap((row) => [...(row.split('|')[2] ?? '').matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]!));
};

describe('docs that cannot go stale', () => {
  it('the README shows exactly what `npm run docs` produces now', async () => {
    const samples = await readmeSamples();
    const regions = readRegions(read('README.md'));
    expect(Object.keys(regions).sort()).toEqual(Object.keys(samples).sort());
    for (const [name, sample] of Object.entries(samples)) {
      expect(regions[name], `README sample "${name}" is stale: run npm run docs`).toBe(sample);
    }
  }, 60_000);

  it('.env.example is what `npm run docs` generates from the settings', () => {
    expect(read('.env.example'), '.env.example is stale: run npm run docs').toBe(envExample());
  });

  it(".env.example sets every variable of the README's configuration table, each to its default", () => {
    const example = assignments(read('.env.example'));
    expect([...example.keys()].sort()).toEqual(tableVariables(read('README.md')).sort());
    for (const spec of Object.values(SETTINGS)) {
      for (const name of spec.env) expect(example.get(name), name).toBe('fallback' in spec ? spec.fallback : '');
    }
  });
});
