/**
 * A failure the CLI explains in its own words: one or two lines, exit code 1 (2 for a usage error). `details` are
 * printed only at debug level.
 */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
  readonly lines: string[];
  readonly exitCode: 1 | 2;
  readonly details: string[];

  constructor(lines: string[], options: { exitCode?: 1 | 2; details?: string[] } = {}) {
    super(lines.join('\n'));
    this.lines = lines;
    this.exitCode = options.exitCode ?? 1;
    this.details = options.details ?? [];
  }
}
