/** Something `h` can put inside an element; text is always set as text, never parsed as HTML. */
export type Child = Node | string | number | null | undefined | false;

type Attributes = Record<string, string | number | boolean | null | undefined>;

/** Creates an element with attributes and children. `style` is never set: the page runs without inline styles. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...childNodes(children));
  return element;
}

function childNodes(children: Child[]): (Node | string)[] {
  return children.flatMap((child) =>
    child === null || child === undefined || child === false ? [] : [typeof child === 'number' ? String(child) : child],
  );
}

/** The element the page's HTML declares with this id; its absence is a bug in index.html, not a runtime condition. */
export function byId<T extends HTMLElement>(id: string, type: abstract new () => T): T;
export function byId(id: string): HTMLElement;
export function byId(id: string, type: abstract new () => HTMLElement = HTMLElement): HTMLElement {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html has no #${id} of type ${type.name}`);
  return element;
}

/** A link to `url` if it is an http(s) address; otherwise only the text, so an odd upstream value cannot run script. */
export function safeLink(url: string, text: string): HTMLElement {
  const safe = URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);
  return safe ? h('a', { href: url, rel: 'external noreferrer' }, text) : h('span', {}, text);
}

/** A region that scrolls sideways when its table is wider than a phone; focusable, so keyboards can scroll it. */
export function scrollable(table: HTMLTableElement): HTMLElement {
  const label = table.caption?.textContent ?? 'Table';
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': label }, table);
}

/** A column of `dataTable`: numbers are right-aligned; only `wrap` columns (long text) break across lines. */
interface Column<T> {
  header: string;
  cell: (item: T) => Child;
  numeric?: boolean;
  wrap?: boolean;
}

/** A table with a caption, a header row and one row per item. */
export function dataTable<T>(caption: string, columns: Column<T>[], items: readonly T[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h('tr', {}, ...columns.map((column) => h('th', { scope: 'col', class: column.numeric && 'num' }, column.header))),
    ),
    h(
      'tbody',
      {},
      ...items.map((item) =>
        h('tr', {}, ...columns.map((column) => h('td', { class: cellClass(column) }, column.cell(item)))),
      ),
    ),
  );
}

const cellClass = (column: Column<never>): string | null => (column.numeric ? 'num' : column.wrap ? 'wrap' : null);
