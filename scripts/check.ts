import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run check`: the static checks, two at a time (this is a two-core machine; the type-aware ones use one core
 * each), longest first. Each prints one line with its time; a failing one prints its output too, and any failure fails
 * the whole after every check has run, so one run shows every problem.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Ignored by git (under node_modules/), so `npm ci` starts from nothing, as CI does. */
const CACHE = 'node_modules/.cache/hubcat';
const AT_ONCE = 2;

interface Check {
  name: string;
  command: string;
  args: string[];
  /** Printed under the check's line when it passes: what its output says that the line does not. */
  note?: string;
}

const CHECKS: Check[] = [
  // Type-aware lint results depend on other files' types, which ESLint's cache does not track: no --cache here.
  { name: 'eslint (type-aware)', command: 'eslint', args: ['.'] },
  {
    name: 'tsc',
    command: 'tsc',
    args: ['--noEmit', '--incremental', '--tsBuildInfoFile', `${CACHE}/tsc.tsbuildinfo`],
  },
  { name: 'knip', command: 'knip', args: [] },
  {
    name: 'madge (import cycles)',
    command: 'madge',
    args: ['--circular', '--extensions', 'ts', 'src', 'bench', 'test', 'scripts'],
    // madge resolves imports through `main`; vite has only `exports`, so the one file importing it (its config) has
    // one import madge cannot follow, which it counts as "(1 warning)". A package cannot close a cycle of ours.
    note: 'its "(1 warning)" is `vite`, imported by src/web/vite.config.ts, which madge cannot resolve (no `main`)',
  },
  { name: 'jscpd (duplication)', command: 'jscpd', args: [] },
  {
    name: 'tsc (page)',
    command: 'tsc',
    args: ['--noEmit', '-p', 'src/web/page', '--incremental', '--tsBuildInfoFile', `${CACHE}/tsc-page.tsbuildinfo`],
  },
  { name: 'prettier', command: 'prettier', args: ['--check', '--cache', '--cache-location', `${CACHE}/prettier`, '.'] },
];

interface Outcome {
  check: Check;
  code: number | null;
  output: string;
  seconds: number;
}

function run(check: Check): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(`node_modules/.bin/${check.command}`, check.args, { cwd: ROOT, env: { ...process.env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const done = (code: number | null) =>
      resolve({ check, code, output, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => {
      output += String(error);
      done(null);
    });
    child.on('close', done);
  });
}

mkdirSync(new URL(`../${CACHE}/`, import.meta.url), { recursive: true });
const started = performance.now();
const queue = [...CHECKS];
const outcomes: Outcome[] = [];
await Promise.all(
  Array.from({ length: AT_ONCE }, async () => {
    for (let check = queue.shift(); check !== undefined; check = queue.shift()) {
      const outcome = await run(check);
      outcomes.push(outcome);
      const passed = outcome.code === 0;
      console.log(`${passed ? '✓' : '✗'} ${check.name} (${outcome.seconds.toFixed(1)} s)`);
      if (!passed) console.log(outcome.output.trimEnd().replace(/^/gm, '    '));
      else if (check.note) console.log(`    ${check.note}`);
    }
  }),
);
const failed = outcomes.filter((outcome) => outcome.code !== 0);
console.log(
  `${failed.length === 0 ? 'checks passed' : `${failed.length} of ${CHECKS.length} checks failed`} ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
