import { h } from './dom.ts';

/**
 * The charts' colours, chosen to read on the light and the dark background alike (mid-tone hues, 3:1 or more against
 * both); text and axes use `currentColor`, which follows the scheme.
 */
export const COLORS = {
  added: '#3b82f6',
  seen: '#9ca3af',
  fetch: '#3b82f6',
  capped: '#f97316',
} as const;

/** A legend as HTML text, so it reads without the chart; each swatch is coloured through the CSSOM, not inline CSS. */
export function legend(items: { label: string; color: string }[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    ...items.map(({ label, color }) => {
      const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = color;
      return h('li', {}, swatch, label);
    }),
  );
}
