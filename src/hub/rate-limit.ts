/** The Hub's API rate-limit state, from the `RateLimit` and `RateLimit-Policy` response headers. */
export interface RateLimitInfo {
  /** Requests left in the current window (`r`). */
  remaining: number;
  /** Seconds until the window resets (`t`). */
  resetSeconds: number;
  /** Requests allowed per window (`q` of the policy), when the policy header is present. */
  quota?: number;
  /** Window length in seconds (`w` of the policy). */
  windowSeconds?: number;
}

interface HeaderEntry {
  names: string[];
  numbers: Map<string, number>;
}

/**
 * Lenient reader for `"api";r=489;t=189` and `"fixed window";"api";q=500;w=300`: each comma-separated
 * entry is a run of `;`-separated quoted names and `key=number` pairs. Not a full structured-field
 * parser, on purpose: the policy header's shape is not valid RFC 9651, and a rate-limit header we
 * cannot read should cost us the information, never the page.
 */
function readEntries(header: string): HeaderEntry[] {
  return header.split(',').map((entry) => {
    const names: string[] = [];
    const numbers = new Map<string, number>();
    for (const rawPart of entry.split(';')) {
      const part = rawPart.trim();
      const quoted = /^"([^"]*)"$/.exec(part);
      if (quoted !== null) {
        names.push(quoted[1] ?? '');
        continue;
      }
      const pair = /^([A-Za-z][\w-]*)\s*=\s*(-?\d+(?:\.\d+)?)$/.exec(part);
      if (pair !== null) numbers.set((pair[1] ?? '').toLowerCase(), Number(pair[2]));
    }
    return { names, numbers };
  });
}

/** The entry for the `api` bucket, or the first entry when none is named so. */
function apiEntry(header: string | null): HeaderEntry | undefined {
  if (header === null) return undefined;
  const entries = readEntries(header);
  return entries.find((entry) => entry.names.includes('api')) ?? entries[0];
}

/** Rate-limit state from response headers, or null when `RateLimit` is absent or lacks `r`/`t`. */
export function parseRateLimit(headers: Headers): RateLimitInfo | null {
  const limit = apiEntry(headers.get('ratelimit'));
  const remaining = limit?.numbers.get('r');
  const resetSeconds = limit?.numbers.get('t');
  if (remaining === undefined || resetSeconds === undefined) return null;
  const info: RateLimitInfo = { remaining, resetSeconds };
  const policy = apiEntry(headers.get('ratelimit-policy'));
  const quota = policy?.numbers.get('q');
  const windowSeconds = policy?.numbers.get('w');
  if (quota !== undefined) info.quota = quota;
  if (windowSeconds !== undefined) info.windowSeconds = windowSeconds;
  return info;
}
