import { startEmulator, type EvolveResult } from '../emulator/index.ts';

interface EmulateFlags {
  port: string;
  host: string;
  preset: string;
  capped?: boolean;
  latencyMs?: string;
  token?: string[];
  evolveEvery?: string;
  drift?: boolean;
}

export async function runEmulate(flags: EmulateFlags): Promise<void> {
  const evolveEverySeconds = flags.evolveEvery === undefined ? undefined : Number(flags.evolveEvery);
  if (evolveEverySeconds !== undefined && !(evolveEverySeconds > 0)) {
    process.stderr.write(
      `hubcat emulate: --evolve-every must be a positive number of seconds (got "${flags.evolveEvery}")\n`,
    );
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator({
    port: Number(flags.port),
    host: flags.host,
    preset: flags.preset,
    capped: flags.capped ?? false,
    latencyMs: flags.latencyMs === undefined ? undefined : Number(flags.latencyMs),
    tokens: flags.token,
    evolveEvery:
      evolveEverySeconds === undefined
        ? undefined
        : { seconds: evolveEverySeconds, drift: flags.drift ?? false, onEvolve: printEvolution },
  });
  // The base URL, not the listing's: clients append /api/models themselves, so a pasted listing URL gives 404s.
  process.stdout.write(
    [
      emulator.label,
      `listening on ${emulator.url} (GET /api/models, the router's GET /v1/models; POST /__evolve evolves)`,
      `use it with: HF_ENDPOINT=${emulator.url}  (or --upstream ${emulator.url})`,
      ...(evolveEverySeconds === undefined ? [] : [`evolving every ${evolveEverySeconds} s`]),
      '',
    ].join('\n'),
  );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printEvolution(outcome: EvolveResult | Error): void {
  if (outcome instanceof Error) {
    process.stderr.write(`evolution failed: ${outcome.message}\n`);
    return;
  }
  const list = (ids: readonly { id: string }[]) => (ids.length === 0 ? '' : ` (${ids.map((m) => m.id).join(', ')})`);
  process.stdout.write(
    `evolution ${outcome.evolution} at ${outcome.at}: +${outcome.added.length}${list(outcome.added)}` +
      ` −${outcome.removed.length}${list(outcome.removed)} ~${outcome.updated.length}${list(outcome.updated)};` +
      ` ${outcome.provider} serves ${outcome.served.toLocaleString('en-US')}\n`,
  );
}
