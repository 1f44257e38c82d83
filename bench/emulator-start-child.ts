/**
 * Child process of the emulator start benchmark: starts one emulator and prints one JSON line on stdout, so the
 * parent reads this process's peak memory alone. With `--imports-only` it exits right after loading the same modules:
 * the baseline that the start's time and memory are compared with.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/emulator/index.ts';
import { timed } from './support/measure.ts';

export interface EmulatorStartOutcome {
  /** `process.resourceUsage().maxRSS` at exit, in KiB: the process's peak resident set. */
  maxRssKiB: number;
  /** User + system CPU time of the whole child, in ms. */
  cpuMs: number;
  start: {
    /** Until the emulator listens: the population generated and indexed. */
    startMs: number;
    /** The first 1,000-model page by likes over HTTP, which builds the likes order. */
    firstPageMs: number;
    /** A second page of the same crawl, from its cursor: the steady cost of a page. */
    nextPageMs: number;
    /** Adding 7, removing 5 and updating 3 served models, with three orders built (`--evolve` only). */
    evolveMs: number | null;
  } | null;
}

const { values } = parseArgs({
  options: {
    preset: { type: 'string' },
    evolve: { type: 'boolean', default: false },
    'imports-only': { type: 'boolean', default: false },
  },
});

async function page(url: string): Promise<{ ms: number; next: string | undefined }> {
  const { ms, result: link } = await timed(async () => {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.headers.get('link');
  });
  return { ms, next: link ? /^<([^>]+)>/.exec(link)?.[1] : undefined };
}

let start: EmulatorStartOutcome['start'] = null;
if (!values['imports-only']) {
  if (!values.preset) throw new Error('emulator-start-child: --preset is required unless --imports-only');
  const { ms: startMs, result: emulator } = await timed(() => startEmulator({ preset: values.preset, port: 0 }));
  const first = await page(`${emulator.url}/api/models?inference_provider=hf-inference&sort=likes&limit=1000`);
  const next = await page(first.next!);
  let evolveMs: number | null = null;
  if (values.evolve) {
    for (const sort of ['createdAt', 'lastModified']) await page(`${emulator.url}/api/models?sort=${sort}&limit=1`);
    const spec = { added: 7, removed: 5, updated: 3 };
    emulator.evolve(spec); // the first evolution copies the shared dataset; the figure is for the ones after it
    ({ ms: evolveMs } = await timed(async () => emulator.evolve(spec)));
  }
  start = { startMs, firstPageMs: first.ms, nextPageMs: next.ms, evolveMs };
  await emulator.close();
}
const usage = process.resourceUsage();
const outcome: EmulatorStartOutcome = {
  maxRssKiB: usage.maxRSS,
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  start,
};
process.stdout.write(`${JSON.stringify(outcome)}\n`);
