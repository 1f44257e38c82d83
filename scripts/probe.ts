import { loadavg } from 'node:os';
import { FULL_PROBES, PROBES, SMALL_PROBES, type ProbeResult } from '../test/support/hostile-probes.ts';
import { percentile } from '../test/support/probe-harness.ts';

/**
 * `npm run probe [-- --small] [probe …]`: runs the hostile probes of issue 18 against `hubcat serve` (each against a
 * server process of its own, at the sizes the issue measured unless `--small`) and prints one row per probe: what the
 * attack met, `{ __typename }` latencies from another client meanwhile, and the server's resident memory.
 */
const args = process.argv.slice(2);
const sizes = args.includes('--small') ? SMALL_PROBES : FULL_PROBES;
const chosen = args.filter((arg) => !arg.startsWith('--'));
const names = chosen.length > 0 ? chosen : Object.keys(PROBES);

const rows: string[] = [
  '| probe | outcome | held | `{ __typename }` p50 / p99 / max (n) | RSS start → peak → after (MiB) |',
  '|---|---|---|---|---|',
];
let failed = 0;
console.error(
  `load average at the start: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
for (const name of names) {
  const probe = PROBES[name];
  if (!probe) throw new Error(`no probe ${name}; there are ${Object.keys(PROBES).join(', ')}`);
  console.error(`running ${name} …`);
  const result = await probe(sizes);
  const row = tableRow(result);
  if (!result.held || percentile(result.latencies, 0.99) > 250 || result.rssEndMb - result.rssStartMb > 50) failed++;
  rows.push(row);
  console.error(row);
}
console.error(
  `load average at the end: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
console.log(rows.join('\n'));
process.exitCode = failed > 0 ? 1 : 0;

function tableRow(result: ProbeResult): string {
  const outcome = Object.entries(result.outcome)
    .map(([answer, count]) => `${count.toLocaleString('en-US')} × ${answer}`)
    .join(', ');
  const ms = (share: number) => Math.round(percentile(result.latencies, share));
  const latency = `${ms(0.5)} / ${ms(0.99)} / ${ms(1)} ms (${result.latencies.length})`;
  const rss = `${result.rssStartMb.toFixed(0)} → ${result.rssPeakMb.toFixed(0)} → ${result.rssEndMb.toFixed(0)}`;
  return `| ${result.probe} | ${outcome}; ${result.note} | ${result.held ? 'yes' : 'NO'} | ${latency} | ${rss} |`;
}
