/** How the README shows JSON: short lines filled with members, long arrays cut short with a comment saying how much. */
export interface CompactJsonOptions {
  width: number;
  /** Items shown of a longer array; the rest become `// … N more`. */
  maxItems: number;
}

/**
 * JSON (with `//` comments where arrays are cut, so the result is JSONC) laid out like hand-formatted samples: a value
 * that fits goes on one line; otherwise its members fill lines up to `width`, and members that need several lines
 * get their own.
 */
export function compactJson(value: unknown, options: CompactJsonOptions, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const isArray = Array.isArray(value);
  const shown: [string | null, unknown][] = isArray
    ? value.slice(0, options.maxItems).map((item) => [null, item])
    : Object.entries(value);
  const hidden = isArray ? value.length - shown.length : 0;
  const inline = oneLine(value);
  if (hidden === 0 && indent.length + inline.length <= options.width) return inline;

  const inner = `${indent}  `;
  const members = shown.map(([key, item], index) => {
    const text = `${key === null ? '' : `${JSON.stringify(key)}: `}${compactJson(item, options, inner)}`;
    return index < shown.length - 1 ? `${text},` : text;
  });
  if (hidden > 0) members.push(`// … ${hidden} more`);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  // Objects in a list read best one per line, like rows.
  const rows = isArray && shown.some(([, item]) => item !== null && typeof item === 'object');
  const lines = rows ? members.map((member) => `${inner}${member}`) : fill(members, inner, options.width);
  return `${open}\n${lines.join('\n')}\n${indent}${close}`;
}

/** Packs one-line members into lines of at most `width`; a member spanning lines, or a comment, stands alone. */
function fill(members: string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const member of members) {
    const alone = member.includes('\n') || member.startsWith('//');
    if (line !== '' && (alone || indent.length + line.length + 1 + member.length > width)) {
      lines.push(`${indent}${line}`);
      line = '';
    }
    if (alone) lines.push(`${indent}${member}`);
    else line = line === '' ? member : `${line} ${member}`;
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return lines;
}

/** `{ "a": 1, "b": [1, 2] }`: the one-line form, spaced as people write it. */
function oneLine(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${oneLine(item)}`);
  return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
}
