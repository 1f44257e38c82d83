import { SETTINGS } from '../config.ts';

/** Every `HUBCAT_*` variable hubcat reads: the settings' own, nothing else. */
const KNOWN = [...new Set(Object.values(SETTINGS).flatMap((setting) => setting.env as readonly string[]))].filter(
  (name) => name.startsWith('HUBCAT_'),
);

/**
 * A line for each `HUBCAT_*` variable of `env` that no setting reads, naming the known one closest to it: a misspelt
 * variable is otherwise ignored without a word, and its setting keeps its default.
 */
export function unknownVariableWarnings(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('HUBCAT_') && !KNOWN.includes(name))
    .sort()
    .map((name) => `warning: ${name} is not a hubcat setting, so it is ignored; did you mean ${closest(name)}?`);
}

function closest(name: string): string {
  let best = KNOWN[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const known of KNOWN) {
    const distance = editDistance(name, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best;
}

/** Levenshtein's: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
