/**
 * Capture–recapture estimates of how many models a listing holds when no capture saw all of it. Captures here are
 * top-N cuts of popularity sorts, which are neither random nor independent: a model low on likes tends to be low on
 * downloads too, so every estimate below undercounts and is reported as a lower bound.
 */

const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export interface ChapmanEstimate {
  a: string;
  b: string;
  /** Captured by a, by b, and by both. */
  n1: number;
  n2: number;
  recaptured: number;
  estimate: number;
  /** 95% normal interval, its low end no lower than the models actually seen. */
  interval95: Interval;
}

export interface ChaoEstimate {
  observed: number;
  /** Models seen by exactly one capture, and by exactly two. */
  f1: number;
  f2: number;
  captures: number;
  estimate: number;
  /** 95% log-normal interval (Chao 1987); equal ends when nothing was seen only once. */
  interval95: Interval;
}

/** Chapman's bias-corrected Lincoln–Petersen estimate from two captures. */
export function chapmanEstimate(a: string, b: string, n1: number, n2: number, recaptured: number): ChapmanEstimate {
  const estimate = ((n1 + 1) * (n2 + 1)) / (recaptured + 1) - 1;
  const variance =
    ((n1 + 1) * (n2 + 1) * (n1 - recaptured) * (n2 - recaptured)) / ((recaptured + 1) ** 2 * (recaptured + 2));
  const seen = n1 + n2 - recaptured;
  const halfWidth = Z_95 * Math.sqrt(variance);
  return {
    a,
    b,
    n1,
    n2,
    recaptured,
    estimate,
    interval95: { low: Math.max(seen, estimate - halfWidth), high: estimate + halfWidth },
  };
}

/**
 * Chao's (1987) lower bound on the population from how often each model was captured: S + f1²/(2·f2), or
 * S + f1(f1−1)/2 when no model was seen exactly twice.
 */
export function chaoLowerBound(captureCounts: Iterable<number>, captures: number): ChaoEstimate {
  let observed = 0;
  let f1 = 0;
  let f2 = 0;
  for (const times of captureCounts) {
    if (times <= 0) continue;
    observed++;
    if (times === 1) f1++;
    else if (times === 2) f2++;
  }
  const unseen = f2 > 0 ? (f1 * f1) / (2 * f2) : (f1 * (f1 - 1)) / 2;
  const estimate = observed + unseen;
  return { observed, f1, f2, captures, estimate, interval95: chaoInterval(observed, unseen, f1, f2) };
}

function chaoInterval(observed: number, unseen: number, f1: number, f2: number): Interval {
  if (unseen <= 0 || f2 === 0) return { low: observed + unseen, high: observed + unseen };
  const ratio = f1 / f2;
  const variance = f2 * (ratio ** 4 / 4 + ratio ** 3 + ratio ** 2 / 2);
  const spread = Math.exp(Z_95 * Math.sqrt(Math.log(1 + variance / unseen ** 2)));
  return { low: observed + unseen / spread, high: observed + unseen * spread };
}
