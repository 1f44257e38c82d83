import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/hubcat.js', import.meta.url));

/**
 * Runs `hubcat` in a process of its own, with only the environment given (plus PATH), as a user would: the bundle of
 * its sources the project's global setup built (test/support/cli-bundle.ts), or `bin/hubcat.js` in a project without
 * that setup.
 */
export function hubcatCli(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  const program = inject('hubcatBundle') ?? BIN;
  return spawn(process.execPath, [program, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hubcat` to completion. */
export function runHubcat(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = hubcatCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process ends first. */
export function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((candidate) => pattern.test(candidate));
      if (line) resolve(line);
    });
    child.on('close', (code) => reject(new Error(`hubcat exited with ${code} before printing ${pattern}: ${stderr}`)));
  });
}

export interface ServeProcess {
  url: string;
  pid: number;
  /** Everything the process wrote to stderr so far (its log lines). */
  stderr: () => string;
  /**
   * Resolves with stderr once it matches `pattern`: a line logged before an HTTP answer may still be in the pipe when
   * the answer arrives.
   */
  stderrMatching: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  /** POSTs a GraphQL query to the server and returns the HTTP status and parsed body. */
  post: <TData>(query: string) => Promise<{ status: number; body: { data: TData } }>;
  stop: () => void;
  /** Resolves when the process has exited, with its exit code. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGKILL: the process dies without a chance to clean up) and resolves once it has exited. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/** Starts `hubcat serve` on an ephemeral port and resolves once it prints where it listens. */
export async function startServeProcess(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = hubcatCli(['serve', '--port', '0', '--host', '127.0.0.1', ...args], env);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pattern = /GraphQL at (http:\/\/\S+)\/graphql/;
  try {
    const url = pattern.exec(await waitForLine(child, pattern))![1]!;
    return {
      url,
      pid: child.pid!,
      stderr: () => stderr,
      stderrMatching: async (pattern, timeoutMs = 5000) => {
        for (const deadline = Date.now() + timeoutMs; !pattern.test(stderr) && Date.now() < deadline;) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return stderr;
      },
      post: async (query) => {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, body: await response.json() };
      },
      stop: () => child.kill('SIGTERM'),
      exited,
      kill: (signal) => {
        const exited = new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.once('exit', () => resolve());
        });
        child.kill(signal);
        return exited;
      },
    };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface NpmServer {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once npm has exited. */
  exited: Promise<number | string | null>;
}

/**
 * Runs `npm <args>` in the checkout, as a person or a process manager would, and resolves once the server it starts
 * says where it listens. The environment is only what is given, plus what npm needs to run (PATH, HOME).
 */
export async function startNpmServer(
  args: string[],
  env: Record<string, string>,
  options: { ownProcessGroup?: boolean } = {},
): Promise<NpmServer> {
  const child = spawn('npm', args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, ...env },
    // As a terminal runs it: a process group of its own, which Ctrl-C signals as a whole.
    detached: options.ownProcessGroup ?? false,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const pattern = /(?:GraphQL at|GraphQL \(with GraphiQL\):) (http:\/\/\S+?):(\d+)\/graphql/;
  try {
    const match = pattern.exec(await waitForLine(child, pattern))!;
    return { child, url: `${match[1]}:${match[2]}`, port: Number(match[2]), stderr: () => stderr, exited };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
