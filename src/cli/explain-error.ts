import { CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { CliFailure } from './cli-failure.ts';

export interface Explained {
  /** What to print on stderr, each line prefixed `hubcat: ` by the caller; empty when commander already printed. */
  lines: string[];
  exitCode: number;
}

/**
 * Any error that ends a command, as one or two lines a person can act on: 2 for usage errors (flags, settings), 1 for
 * everything that went wrong at run time. The stack trace is added at debug level only.
 */
export function explainError(error: unknown, debug: boolean, command: string | null = null): Explained {
  const explained = explain(error, command);
  if (!debug) return explained;
  const details = error instanceof CliFailure ? error.details : [];
  const stack = error instanceof Error && !(error instanceof CliFailure) ? [error.stack ?? ''] : [];
  return { ...explained, lines: [...explained.lines, ...details, ...stack] };
}

function explain(error: unknown, command: string | null): Explained {
  if (error instanceof CommanderError) {
    // Help and --version end with code 0; anything else commander reports (and has already printed) is usage.
    return { lines: [], exitCode: error.exitCode === 0 ? 0 : 2 };
  }
  if (error instanceof ConfigError) return { lines: [error.message], exitCode: 2 };
  if (error instanceof CliFailure) return { lines: error.lines, exitCode: error.exitCode };
  const listenFailure = explainListenFailure(error, command === 'emulate' ? '--port' : '--port (or PORT)');
  if (listenFailure) return { lines: [listenFailure], exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  return {
    lines: [message.split('\n')[0] ?? message, 'HUBCAT_LOG_LEVEL=debug shows the stack trace'],
    exitCode: 1,
  };
}

/** A port already taken, or one that needs privileges: say which port and which flag picks another. */
function explainListenFailure(error: unknown, flag: string): string | null {
  if (!(error instanceof Error) || !('syscall' in error) || error.syscall !== 'listen') return null;
  const { code, port } = error as Error & { code?: string; port?: number };
  if (code === 'EADDRINUSE') {
    return `port ${port} is already in use (another hubcat?); stop what listens there or choose another with ${flag}`;
  }
  if (code === 'EACCES') return `no permission to listen on port ${port}; choose another port with ${flag}`;
  return null;
}
