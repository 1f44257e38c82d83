const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const estimate = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A whole number of models or requests, grouped for reading: 1,377. */
export const formatCount = (value: number): string => count.format(value);

/** An estimated total, to one decimal like the CLI prints it: 1,308.6. */
export const formatEstimate = (value: number): string => estimate.format(value);

/** A ratio as a percentage to one decimal: 0.874 → 87.4%. */
export const formatPercent = (ratio: number): string => percent.format(ratio);

/** A duration the way a person says it: 0.53 s, 12 s, 3 min, 2 h 5 min, 4 d. */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${Math.round(seconds * 100) / 100} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.round(hours / 24)} d`;
}

/** The calendar day of an ISO instant, as stored (UTC), so every reader sees the same date. */
export const formatDay = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—');

/** Milliseconds as seconds to two decimals, like the CLI: 0.53 s. */
export const formatDuration = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** An ISO instant as UTC to the second, the same for every reader: 2026-03-01 12:00:05 UTC. */
export const formatInstant = (iso: string): string => `${iso.slice(0, 19).replace('T', ' ')} UTC`;
