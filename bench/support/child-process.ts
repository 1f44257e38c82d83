import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ms } from './format.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs a benchmark's child script and resolves with the JSON of its last stdout line. `node --import tsx` rather
 * than the `tsx` CLI: the CLI runs the script in a grandchild, and its own small RSS is not the child's. The parent's
 * event loop stays free meanwhile, so an emulator in the parent keeps serving.
 */
export function runJsonChild<T>(script: string, args: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && lastLine.startsWith('{')) {
        resolve(JSON.parse(lastLine) as T);
        return;
      }
      const why = signal
        ? `killed by ${signal}${signal === 'SIGTERM' ? ` (timeout ${ms(timeoutMs)}?)` : ''}`
        : `exit code ${code}`;
      const name = script.split('/').at(-1) ?? script;
      reject(new Error(`${name} ${args.join(' ')}: ${why}\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}
