/**
 * `npm run docs:screenshot`: renders the README's `docs/dashboard.png`. It builds the page, runs `hubcat demo` with
 * the emulator held still (no evolution, so only its baseline snapshot), opens the dashboard in Debian's Chromium at
 * a fixed viewport in the light scheme, and writes a full-page screenshot. The browser tests never write outside
 * `.reports/`; this script is the one way the tracked picture changes.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../docs/dashboard.png', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
/** A laptop's window: wide enough for the charts side by side, as a reader of the README sees them. */
const VIEWPORT = { width: 1280, height: 900 };
/** Ten models a page keeps the picture about the charts rather than the table. */
const PAGE_QUERY = '?pageSize=10';

function startDemo(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(
    process.execPath,
    ['bin/hubcat.js', 'demo', '--port', '0', '--host', '127.0.0.1', '--evolve-every', '0'],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Dashboard: (http:\/\/\S+\/)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('close', (code) => reject(new Error(`hubcat demo exited with ${code} before it listened`)));
  });
}

async function screenshot(url: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'en-US', colorScheme: 'light' });
    await page.goto(`${url}${PAGE_QUERY}`);
    await page.locator('#status:not([aria-busy]) .facts').waitFor();
    await page.locator('#models tbody tr').first().waitFor();
    await page.locator('#models-box:not([aria-busy])').waitFor();
    await page.locator('#sorts-curve svg').waitFor();
    for (const part of ['#providers-body', '#changes-body']) {
      await page.locator(`${part}:not([aria-busy])`).waitFor({ state: 'attached' });
    }
    await page.screenshot({ path: OUTPUT, fullPage: true });
  } finally {
    await browser.close();
  }
}

execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'src/web/vite.config.ts'], {
  cwd: ROOT,
  stdio: 'ignore',
});
const demo = await startDemo();
try {
  await screenshot(demo.url);
  process.stdout.write(`${OUTPUT} written (${VIEWPORT.width} px wide, light scheme, the demo's baseline catalog)\n`);
} finally {
  demo.child.kill('SIGTERM');
}
