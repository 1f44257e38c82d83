import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EngineFigures } from './engine-figures.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./catalog-child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The server's environment and Node flags, read from `npm start`'s script so that the bench measures the server as it
 * is deployed (a young generation sized for a page's objects to die young, and malloc's threshold for mapping large
 * blocks fixed; the README says why).
 */
const START = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }
).scripts.start;
const [SERVER_ENV, SERVER_NODE_FLAGS] = serverCommandOf(START);
/** How `npm start` runs Node, up to the script: `A=1 node --a`. */
export const SERVER_COMMAND = START.slice(0, START.indexOf(' bin/'));
// Minutes above what a million synthetic rows take here; only there so a hang ends as a reported failure.
const CHILD_TIMEOUT_MS = 15 * 60_000;

export interface CatalogProcess {
  engine: EngineFigures;
  url: string;
  serverCpuMs(): Promise<number>;
  /** The server's resident set size now, in bytes. */
  serverRssBytes(): Promise<number>;
  /** Starts the server's CPU profiler; the returned function stops it and writes the profile to `path`. */
  startProfile(): Promise<(path: string) => Promise<void>>;
  close(): void;
}

/** Starts catalog-child.ts with `args` and waits until it has measured the engine and serves HTTP. */
export async function startCatalogProcess(args: string[]): Promise<CatalogProcess> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', ...SERVER_NODE_FLAGS, '--import', 'tsx', CHILD_SCRIPT, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...SERVER_ENV },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: CHILD_TIMEOUT_MS,
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async <T>(): Promise<T> => {
    const { value, done } = await lines.next();
    if (done)
      throw new Error(`catalog-child ${args.join(' ')} stopped: ${stderr.trim().split('\n').slice(-15).join('\n')}`);
    return JSON.parse(value) as T;
  };
  const ask = <T>(command: string): Promise<T> => {
    child.stdin.write(`${command}\n`);
    return nextLine<T>();
  };
  const engine = await nextLine<EngineFigures>();
  const { url } = await nextLine<{ url: string }>();
  return {
    engine,
    url,
    serverCpuMs: async () => (await ask<{ cpuMs: number }>('cpu')).cpuMs,
    serverRssBytes: async () => (await ask<{ rssBytes: number }>('cpu')).rssBytes,
    startProfile: async () => {
      await ask('profile-start');
      return async (path) => {
        await ask(`profile-stop ${path}`);
      };
    },
    close: () => child.stdin.end(),
  };
}

/** `A=1 node --a --b=1 bin/hubcat.js serve` → `[{ A: '1' }, ['--a', '--b=1']]`. */
function serverCommandOf(script: string): [Record<string, string>, string[]] {
  const words = script.split(/\s+/);
  const assignments = words.findIndex((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word));
  const env = Object.fromEntries(words.slice(0, assignments).map((word) => word.split('=', 2) as [string, string]));
  const [command, ...rest] = words.slice(assignments);
  if (command !== 'node') throw new Error(`npm start does not run node: ${script}`);
  return [
    env,
    rest.slice(
      0,
      rest.findIndex((word) => !word.startsWith('--')),
    ),
  ];
}
