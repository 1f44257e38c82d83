import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium (`apt-get install -y chromium`); the tests never download a browser. */
const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium with a fresh profile before the suite and closes it after. On a machine without Chromium every
 * test that asks for the browser fails, each with the command that installs it; none is skipped.
 */
export function useChromium(): { context: () => BrowserContext } {
  let context: BrowserContext | null = null;
  let profile: string | null = null;
  const missing = new Error(
    `The browser tests need Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` ` +
      '(.ci/run does this). No browser is ever downloaded.',
  );
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) return;
    profile = mkdtempSync(join(tmpdir(), 'hubcat-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  return {
    context: () => {
      if (context === null) throw missing;
      return context;
    },
  };
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions, failed or refused requests, and requests that left `origin`. */
  problems: string[];
}

/** A new page that records everything a person would call broken, and can run axe-core despite the page's CSP. */
export async function watchedPage(context: BrowserContext, origin: string): Promise<WatchedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) problems.push(`left the origin: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  // Scripts added through the DevTools protocol are not subject to the page's CSP, so axe runs without loosening it.
  await page.addInitScript({ content: axe.source });
  return { page, problems };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page and returns its violations of impact serious or critical. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => String(node.target)),
      })))`);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
