import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));

/**
 * Vitest global setup of the integration tests: builds the dashboard the way `npm run build:web` does, once per run and
 * before any file starts, so that no file serves `dist/web/` while another one empties it for its own build.
 */
export default async function buildPage(): Promise<void> {
  await promisify(execFile)(process.execPath, [VITE, 'build', '--config', 'src/web/vite.config.ts'], { cwd: ROOT });
}
