import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config.ts';

/**
 * JSON lines on stderr, levels by name; credentials are censored even if a caller passes them by mistake. Stdout is
 * left to what a command prints for people (where the server listens, the demo's banner).
 */
export function createLogger(level: LogLevel): Logger {
  return pino(
    {
      name: 'hubcat',
      level,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
