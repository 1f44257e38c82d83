/**
 * `npm run docs`: regenerates the README's sample outputs (from the emulator, as the demo serves it) and
 * `.env.example` (from the settings table). Run it after changing an output; the tests fail until it has run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { envExample } from './env-example.ts';
import { readRegions, replaceRegions } from './readme-regions.ts';
import { readmeSamples } from './readme-samples.ts';

const README = new URL('../README.md', import.meta.url);
const ENV_EXAMPLE = new URL('../.env.example', import.meta.url);

const before = readFileSync(README, 'utf8');
const samples = await readmeSamples();
const after = replaceRegions(before, samples);
const changed = Object.keys(samples).filter((name) => readRegions(before)[name] !== samples[name]);
writeFileSync(README, after);
writeFileSync(ENV_EXAMPLE, envExample());
process.stdout.write(
  changed.length === 0
    ? 'README.md samples were up to date; .env.example written\n'
    : `README.md: regenerated ${changed.join(', ')}; .env.example written\n`,
);
