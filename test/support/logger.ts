import type { Logger } from '../../src/store/index.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  details: object;
  message: string;
}

/** A logger that keeps its lines, so a test can read what an operator would see. */
export function recordingLogger(): Logger & { lines: LogLine[]; matching: (pattern: RegExp) => LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: LogLine['level']) => (details: object, message: string) => {
    lines.push({ level, details, message });
  };
  return {
    lines,
    matching: (pattern) => lines.filter((line) => pattern.test(`${line.message} ${JSON.stringify(line.details)}`)),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
