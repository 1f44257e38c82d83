import { createHmac } from 'node:crypto';
import type { CatalogUpdate } from '../catalog/index.ts';

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with HUBCAT_WEBHOOK_SECRET>`. */
export const SIGNATURE_HEADER = 'x-hubcat-signature-256';
/** Attempts per update: the first and four retries, 1, 2, 4 and 8 s apart (±20 %). */
export const WEBHOOK_ATTEMPTS = 5;
/** A receiver that has not answered in this long has failed the attempt. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/**
 * Updates waiting while one is being delivered. Refreshes are minutes apart, so a longer queue only means a receiver
 * that has been down for hours; the oldest is dropped (and counted) rather than holding memory for it.
 */
const MAX_QUEUED = 100;

export type WebhookEvent =
  | { type: 'webhook-delivered'; snapshotId: string; attempts: number; status: number }
  | { type: 'webhook-attempt-failed'; snapshotId: string; attempt: number; reason: string; retryInMs: number }
  | { type: 'webhook-failed'; snapshotId: string; attempts: number; reason: string }
  | { type: 'webhook-dropped'; snapshotId: string; reason: string };

export interface WebhookCounters {
  delivered: number;
  failed: number;
  dropped: number;
  attempts: number;
}

export interface WebhookSenderOptions {
  url: string;
  /** Without one, updates are posted unsigned. */
  secret?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (event: WebhookEvent) => void;
}

/** Signs a webhook body the way receivers verify it: `sha256=` and the hex HMAC-SHA256 of the exact bytes posted. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Wait after failed attempt `attempt` (1-based): 1, 2, 4, 8 s, each ±20 %. */
export function webhookRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  return 1000 * 2 ** (attempt - 1) * (0.8 + 0.4 * random());
}

/**
 * Posts each catalog update with changes to the operator's webhook, one at a time and in order, retrying failures.
 * `send` only queues, so neither a refresh nor a query ever waits for the receiver.
 */
export class WebhookSender {
  private readonly queue: CatalogUpdate[] = [];
  private draining: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly tally: WebhookCounters = { delivered: 0, failed: 0, dropped: 0, attempts: 0 };

  constructor(private readonly options: WebhookSenderOptions) {}

  send(update: CatalogUpdate): void {
    if (this.abort.signal.aborted) return;
    this.queue.push(update);
    if (this.queue.length > MAX_QUEUED) {
      const dropped = this.queue.shift()!;
      this.tally.dropped++;
      this.emit({
        type: 'webhook-dropped',
        snapshotId: dropped.snapshot.id,
        reason: `more than ${MAX_QUEUED} waiting`,
      });
    }
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
    });
  }

  counters(): Readonly<WebhookCounters> {
    return { ...this.tally };
  }

  /** Resolves once every queued update was delivered or given up on. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops at once: the attempt in flight is aborted and what is queued is dropped, each reported. */
  async close(): Promise<void> {
    this.abort.abort();
    for (const update of this.queue.splice(0)) {
      this.tally.dropped++;
      this.emit({ type: 'webhook-dropped', snapshotId: update.snapshot.id, reason: 'shutting down' });
    }
    await this.settled();
  }

  private async drain(): Promise<void> {
    for (let update = this.queue.shift(); update; update = this.queue.shift()) await this.deliver(update);
  }

  private async deliver(update: CatalogUpdate): Promise<void> {
    const body = JSON.stringify(update);
    const snapshotId = update.snapshot.id;
    let reason = 'shutting down';
    let attempts = 0;
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS && !this.closed(); attempt++) {
      attempts = attempt;
      this.tally.attempts++;
      const outcome = await this.post(body, snapshotId);
      if (outcome.ok) {
        this.tally.delivered++;
        this.emit({ type: 'webhook-delivered', snapshotId, attempts: attempt, status: outcome.status });
        return;
      }
      reason = outcome.reason;
      if (attempt === WEBHOOK_ATTEMPTS || this.closed()) break;
      const retryInMs = webhookRetryDelayMs(attempt, this.options.random);
      this.emit({ type: 'webhook-attempt-failed', snapshotId, attempt, reason, retryInMs });
      await (this.options.sleep ?? abortableSleep(this.abort.signal))(retryInMs);
    }
    this.tally.failed++;
    this.emit({ type: 'webhook-failed', snapshotId, attempts, reason });
  }

  private async post(
    body: string,
    snapshotId: string,
  ): Promise<{ ok: true; status: number } | { ok: false; reason: string }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'hubcat-webhook',
      'x-hubcat-event': 'catalog.updated',
      // The same on every attempt, so a receiver can ignore a retry of an update it already took.
      'x-hubcat-delivery': snapshotId,
    };
    if (this.options.secret) headers[SIGNATURE_HEADER] = signWebhookBody(body, this.options.secret);
    try {
      const response = await (this.options.fetch ?? fetch)(this.options.url, {
        method: 'POST',
        headers,
        body,
        // A signed body is posted where the operator said, never where a redirect points.
        redirect: 'manual',
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      return response.ok ? { ok: true, status: response.status } : { ok: false, reason: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, reason: describeFailure(error) };
    }
  }

  private closed(): boolean {
    return this.abort.signal.aborted;
  }

  private emit(event: WebhookEvent): void {
    this.options.onEvent?.(event);
  }
}

/** `fetch failed` alone says nothing: the cause (ECONNREFUSED, a timeout) is what an operator needs. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause =
    error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}

function abortableSleep(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
}
