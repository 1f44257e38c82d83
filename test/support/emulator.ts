import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.ts';

/**
 * Starts a Hub emulator before the suite's tests and closes it after them. The handle stands for the running
 * emulator from the first hook or test on, so a suite states only the options that make its emulator different.
 */
export function useEmulator(options: EmulatorOptions = {}, startTimeoutMs?: number): RunningEmulator {
  let running: RunningEmulator | null = null;
  beforeAll(async () => {
    running = await startEmulator(options);
  }, startTimeoutMs);
  afterAll(async () => {
    await running?.close();
    running = null;
  });
  return new Proxy({} as RunningEmulator, {
    get: (_target, property) => {
      if (running === null) throw new Error('useEmulator: the emulator runs from beforeAll to afterAll');
      return Reflect.get(running, property) as unknown;
    },
  });
}
