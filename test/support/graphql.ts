import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { createApp, type App, type AppOptions } from '../../src/app/index.ts';
import type { Timer } from '../../src/live/index.ts';
import { loadConfig, type ConfigFlags } from '../../src/config.ts';

export interface Result<TData> {
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/** Runs an operation through the app's Yoga in process, as the frontend would over HTTP. */
export async function execute<TData, TVariables>(
  app: App,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
): Promise<Result<TData>> {
  const query = typeof document === 'string' ? document : print(document);
  const response = await app.yoga.fetch('http://hubcat/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Result<TData>;
}

/** Data of a successful operation; fails loudly with the errors otherwise. */
export async function query<TData, TVariables>(
  app: App,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
): Promise<TData> {
  const result = await execute(app, document, variables);
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/**
 * An app configured like `hubcat serve`, pointed at `endpoint`, with settings from `flags` and `env` (for those that
 * have no flag); retries wait no real time, and scheduled refreshes happen only when a test fires them (pass a
 * `manualTimer()`'s timer).
 */
export function appFor(
  endpoint: string,
  flags: ConfigFlags = {},
  options: AppOptions = {},
  env: Record<string, string> = {},
): App {
  const config = loadConfig({ endpoint, strategy: 'multi-sort', ...flags }, env);
  return createApp(config, { graphiql: false, sleep: async () => {}, timer: manualTimer().timer, ...options });
}

/** A timer tests fire by hand: `fire()` runs the pending callback (the scheduled refresh) and waits for it. */
export function manualTimer(): { timer: Timer; delays: number[]; fire: () => Promise<void>; pending: () => boolean } {
  let pending: (() => Promise<void>) | null = null;
  const delays: number[] = [];
  return {
    timer: {
      set: (callback, ms) => {
        delays.push(ms);
        pending = callback;
        return callback;
      },
      clear: (handle) => {
        if (pending === handle) pending = null;
      },
    },
    delays,
    pending: () => pending !== null,
    fire: async () => {
      const callback = pending;
      if (!callback) throw new Error('manualTimer: nothing is scheduled');
      pending = null;
      await callback();
    },
  };
}

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-11-28T12:00:00.000Z')): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

export interface RawResponse {
  status: number;
  body: Result<unknown>;
  /** CPU time the process spent answering: the server's own time, which a loaded machine does not inflate. */
  cpuMs: number;
}

/** POSTs a raw body to the app in process, as a client that crafts its own requests would. */
export async function postRaw(app: App, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const request = new Request('http://hubcat/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const before = process.cpuUsage();
  const response = await app.yoga.fetch(request);
  const text = await response.text();
  const spent = process.cpuUsage(before);
  return {
    status: response.status,
    body: JSON.parse(text) as Result<unknown>,
    cpuMs: (spent.user + spent.system) / 1000,
  };
}
