import { SETTINGS } from '../src/config.ts';

/** `.env.example`: every variable hubcat reads, set to its default (empty when it has none), from the settings table. */
export function envExample(): string {
  const lines = [
    '# Every environment variable hubcat reads, set to its default; an empty value is the same as unset.',
    "# Generated from src/config.ts by `npm run docs`; the README's configuration table explains each one.",
    '# To use it: cp .env.example .env, edit, then node --env-file=.env bin/hubcat.js serve',
  ];
  for (const spec of Object.values(SETTINGS)) {
    lines.push('', `# ${spec.description}${spec.flag === null ? '' : ` (flag ${spec.flag})`}`);
    for (const name of spec.env) lines.push(`${name}=${'fallback' in spec ? spec.fallback : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
