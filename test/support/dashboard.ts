import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll } from 'vitest';
import { hubcatCli, waitForLine } from './cli.ts';

export interface RunningHubcat {
  /** The dashboard's address, e.g. http://127.0.0.1:41234/ */
  url: string;
  origin: string;
  /** Runs an operation against the demo's /graphql, as the page does; fails loudly on errors. */
  query<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<TData>;
}

/**
 * Runs `hubcat demo` (the real executable, an ephemeral port) for the suite's tests, over the page the integration
 * project's global setup built (test/support/build-page.ts).
 */
export function useDemo(args: string[] = [], env: Record<string, string> = {}): RunningHubcat {
  return useHubcat(() => ['demo', ...args], env);
}

/**
 * Runs the real `hubcat` (`demo` or `serve`, with the arguments `args` gives when the suite starts) on an ephemeral
 * port, with no environment but PATH and `env`, over the page the global setup built.
 */
export function useHubcat(args: () => string[], env: Record<string, string> = {}): RunningHubcat {
  let child: ReturnType<typeof hubcatCli> | null = null;
  let url: string | null = null;
  beforeAll(async () => {
    // A suite loads the page many times from one address; the per-client limit is specified in test/edge/.
    child = hubcatCli([...args(), '--port', '0', '--host', '127.0.0.1'], { HUBCAT_RATE_LIMIT: '0', ...env });
    // `demo` prints "Dashboard: <url>", `serve` prints "hubcat: dashboard at <url>".
    const announcement = /[Dd]ashboard(?::| at) (http:\/\/\S+\/)/;
    url = announcement.exec(await waitForLine(child, announcement))![1]!;
  }, 120_000);
  afterAll(() => {
    child?.kill('SIGTERM');
  });
  const started = (): string => {
    if (url === null) throw new Error('useDemo: the demo runs from beforeAll to afterAll');
    return url;
  };
  return {
    get url() {
      return started();
    },
    get origin() {
      return new URL(started()).origin;
    },
    async query(document, variables) {
      const response = await fetch(new URL('/graphql', started()), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return body.data as never;
    },
  };
}
