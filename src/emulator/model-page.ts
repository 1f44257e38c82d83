import type { Exchange } from './exchange.ts';
import type { ListingIndex } from './listing-index.ts';

/** `/<owner>/<name>`: where the Hub shows a model, and where hubcat's `Model.url` points. */
const MODEL_PAGE_PATH = /^\/([\w.-]+)\/([\w.-]+)\/?$/;

/**
 * A small HTML page for each model the emulator lists, so that a model's `url` in the demo (the dashboard's links)
 * leads somewhere, as the Hub's model page would; it says plainly that it is the emulator's. Answers false for any
 * other path, and 404 for a model it does not hold.
 */
export function serveModelPage(exchange: Exchange, index: ListingIndex): boolean {
  const match = MODEL_PAGE_PATH.exec(exchange.path);
  if (!match || exchange.path.startsWith('/api/')) return false;
  const id = `${match[1]}/${match[2]}`;
  const position = index.positionOf(id);
  const model = position === undefined ? undefined : index.record(position);
  if (model === undefined) {
    exchange.page(404, page('Not found', `<p>The emulator holds no model <code>${escape(id)}</code>.</p>`));
    return true;
  }
  const facts = [
    ['Task', model.pipeline_tag ?? '—'],
    ['Library', model.library_name ?? '—'],
    ['Downloads (30 days)', model.downloads.toLocaleString('en-US')],
    ['Likes', model.likes.toLocaleString('en-US')],
    ['Created', model.createdAt],
    [
      'Providers',
      model.inferenceProviderMapping.map((mapping) => `${mapping.provider} (${mapping.status})`).join(', '),
    ],
  ];
  const rows = facts.map(([name, value]) => `<tr><th>${name}</th><td>${escape(value ?? '')}</td></tr>`).join('');
  exchange.page(
    200,
    page(
      model.id,
      `<p>This is the Hub emulator's page for a generated model, not the Hugging Face Hub: ` +
        `the real page would be <a href="https://huggingface.co/${escape(model.id)}">huggingface.co/${escape(model.id)}</a>, ` +
        'which may not exist.</p>' +
        `<table>${rows}</table>`,
    ),
  );
  return true;
}

function page(title: string, body: string): string {
  const head = `<head><meta charset="utf-8"><title>${escape(title)}</title></head>`;
  return `<!doctype html><html lang="en">${head}<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
