import Table from 'cli-table3';

export const count = (value: number): string => value.toLocaleString('en-US');
export const ms = (value: number): string => `${count(Math.round(value))} ms`;
export const ratio = (value: number): string => value.toFixed(2);
export const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;
export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/**
 * A measured ratio next to what the design predicts, and whether it came out within `tolerance`.
 * Printed, never enforced: timing on a shared machine varies, and a benchmark that fails on noise teaches nothing.
 */
export function againstExpectation(actual: number, expected: number, tolerance: number): string {
  const held = Math.abs(actual - expected) <= tolerance;
  return `${ratio(actual)} (expected ≈ ${ratio(expected)} ± ${ratio(tolerance)}: ${held ? 'held' : 'DID NOT HOLD'})`;
}

/** A plain two-or-more-column table without colour codes, so the output reads the same in a log file. */
export function table(head: string[], rows: string[][]): string {
  const rendered = new Table({
    head,
    colAligns: head.map((_, column) => (column === 0 ? 'left' : 'right')),
    style: { head: [], border: [] },
  });
  rendered.push(...rows);
  return rendered.toString();
}

/** What one benchmark prints: a title, its tables and the sentences that say what the figures mean. */
export interface BenchResult {
  title: string;
  body: string[];
  /** The figures as numbers, written to .reports/bench.json beside the printed text. */
  data?: unknown;
}

export function render(result: BenchResult): string {
  return [`== ${result.title}`, ...result.body, ''].join('\n');
}
