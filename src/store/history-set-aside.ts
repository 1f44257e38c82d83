import type { z } from 'zod';
import type { RedisClient } from './redis-client.ts';

/** Told of each record set aside: which one (`summary <id>`, `meta feed`, …) and why. */
export type OnSetAside = (record: string, reason: string) => void;

/** How long a record set aside is kept for an operator to look at. */
const KEPT_MS = 7 * 86_400_000;
/** How much of a record set aside is kept: enough to see what it was, never a whole dump. */
const KEPT_CHARS = 4096;

/** A parsed record, or why it is not one. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `raw` parsed and validated against `schema`; never throws. */
export function check<T>(schema: z.ZodType<T>, raw: string | null): Checked<T> {
  if (raw === null) return { ok: false, reason: 'missing' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `malformed (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})` };
}

/**
 * Where history records that fail validation go: a hash beside the history (`…:set-aside`, kept a week) holding the
 * start of each, so that the history goes on without them and an operator can still see what was there. Each record
 * is reported once, when it is first set aside; a key of the wrong type is renamed out of the way whole.
 */
export class HistorySetAside {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly onSetAside: OnSetAside,
  ) {}

  /** Keeps `raw` under `record` and reports it, unless it was already set aside. */
  async keep(record: string, raw: string | null, reason: string): Promise<void> {
    const key = `${this.prefix}set-aside`;
    const added = await this.redis.hsetnx(key, record, (raw ?? '(missing)').slice(0, KEPT_CHARS));
    await this.redis.pexpire(key, KEPT_MS);
    if (added === 1) this.onSetAside(record, reason);
  }

  /**
   * Runs `read`; when Redis says `key` holds another type than the history keeps there (WRONGTYPE), renames that key
   * out of the way, reports it, and reads again from the now empty place.
   */
  async typed<T>(key: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('WRONGTYPE')) throw error;
      const aside = `${this.prefix}set-aside:${key.slice(this.prefix.length)}:${Date.now()}`;
      // A concurrent reader may have moved it already, which leaves nothing to rename.
      const moved = await this.redis.rename(key, aside).then(
        () => true,
        () => false,
      );
      if (moved) {
        await this.redis.pexpire(aside, KEPT_MS);
        this.onSetAside(key.slice(this.prefix.length), `not the type the history keeps there; renamed to ${aside}`);
      }
      return read();
    }
  }
}
