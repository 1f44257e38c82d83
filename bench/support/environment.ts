import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The conditions a run's figures belong to. Others commit to src/ while benchmarks run and tests share the machine,
 * so a figure without the commit, the uncommitted src/ files and the load beside it cannot be compared with another.
 */
export function describeEnvironment(): string {
  const cpus = availableParallelism();
  const [load1] = loadavg();
  return [
    `node ${process.version} · ${cpus} CPUs · load average (1 min) ${(load1 ?? 0).toFixed(2)} at start · ${new Date().toISOString()}`,
    `commit ${git(['rev-parse', '--short', 'HEAD']) || 'unknown'} · uncommitted in src/: ${
      git(['status', '--porcelain', '--', 'src'])
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(3))
        .join(', ') || 'none'
    }`,
  ].join('\n');
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return ''; // not a checkout: the header says "unknown" rather than failing the run
  }
}
