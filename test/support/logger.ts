import { pino, type Logger } from 'pino';

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A pino logger, as `hubcat serve` passes one, that keeps its lines so a test can read what an operator would see. */
export function recordingLogger(): Logger & { lines: LogLine[]; matching: (pattern: RegExp) => LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  return Object.assign(logger, {
    lines,
    matching: (pattern: RegExp) => lines.filter((line) => pattern.test(`${line.msg} ${JSON.stringify(line)}`)),
  });
}
