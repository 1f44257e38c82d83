import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { DASHBOARD_BUILD_DIR } from './build-dir.ts';

/** Builds the dashboard page (`npm run build:web`) into the directory the server reads it from. */
export default defineConfig({
  root: fileURLToPath(new URL('./page/', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(DASHBOARD_BUILD_DIR),
    emptyOutDir: true,
    target: 'es2022',
    // The page runs under `default-src 'self'`: no inline polyfill script, and no asset inlined as a data: URL.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
