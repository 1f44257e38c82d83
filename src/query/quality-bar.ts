import type { ModelTable } from '../catalog/index.ts';
import type { QualityBar } from './model-query.ts';

/**
 * The license ids the Hub offers for a license it does not name (its license list ends with them): a model carrying
 * one, or none, has no license a router can check, so a bar that requires a license refuses it.
 */
export const UNNAMED_LICENSES: readonly string[] = ['other', 'unknown'];

export function isKnownLicense(license: string | null): boolean {
  return license !== null && !UNNAMED_LICENSES.includes(license);
}

/** Names a bar by every condition it sets: rows passing it are kept under this key. */
export function qualityBarKey(bar: QualityBar): string {
  return JSON.stringify([
    bar.minDownloads,
    bar.minLikes,
    bar.requireLicense ?? false,
    bar.licenses ?? null,
    bar.minParameters ?? null,
    bar.maxParameters ?? null,
  ]);
}

/** Whether a row passes `bar`, each optional condition read only when set; license ids are looked up once. */
export function qualityTest(table: ModelTable, bar: QualityBar): (row: number) => boolean {
  const { downloads, likes, license, parameterCount } = table;
  const licenseOk = licenseMask(table, bar);
  const minParameters = bar.minParameters ?? null;
  const maxParameters = bar.maxParameters ?? null;
  return (row) =>
    downloads[row]! > bar.minDownloads &&
    likes[row]! > bar.minLikes &&
    table.private[row] === 0 &&
    (licenseOk === null || (license[row]! >= 0 && licenseOk[license[row]!] === 1)) &&
    (minParameters === null || parameterCount[row]! >= minParameters) &&
    (maxParameters === null || parameterCount[row]! <= maxParameters);
}

/** One byte per license code, 1 for those the bar admits; null when it sets no license condition. */
function licenseMask(table: ModelTable, bar: QualityBar): Uint8Array | null {
  if (!bar.requireLicense && bar.licenses == null) return null;
  const labels = table.dictionary('license');
  return Uint8Array.from(labels, (label) =>
    (!bar.requireLicense || isKnownLicense(label)) && (bar.licenses == null || bar.licenses.includes(label)) ? 1 : 0,
  );
}
