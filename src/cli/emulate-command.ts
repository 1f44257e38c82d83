import { startEmulator } from '../emulator/index.ts';

interface EmulateFlags {
  port: string;
  host: string;
  preset: string;
  capped?: boolean;
  latencyMs?: string;
  token?: string[];
}

export async function runEmulate(flags: EmulateFlags): Promise<void> {
  const emulator = await startEmulator({
    port: Number(flags.port),
    host: flags.host,
    preset: flags.preset,
    capped: flags.capped ?? false,
    latencyMs: flags.latencyMs === undefined ? undefined : Number(flags.latencyMs),
    tokens: flags.token,
  });
  process.stdout.write(
    `${emulator.label}\nlistening on ${emulator.url}/api/models — point HF_ENDPOINT (or --upstream) here\n`,
  );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
