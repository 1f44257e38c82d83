import Table from 'cli-table3';
import { print } from 'graphql';
import { ChangesDocument, type ChangesQuery, type ModelChangeKind } from '../../schema/generated/graphql.ts';
import { configFlagsFrom, loadConfig } from '../config.ts';

interface ChangesFlags extends Record<string, unknown> {
  since?: string;
  kinds?: string;
  json?: boolean;
}

type FeedChange = NonNullable<ChangesQuery['changes']>['nodes'][number];

/** Changes per request: the API's largest page. */
const PAGE_SIZE = 500;
/** A server that has not answered a page in this long is reported, not waited on. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A failure to report in one line; `usage` when the user's arguments were refused. */
class ChangesCommandError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/** `hubcat changes`: the change feed of a running server, oldest first, as a table or JSON. */
export async function runChanges(flags: ChangesFlags): Promise<void> {
  const config = loadConfig(configFlagsFrom(flags));
  try {
    const kinds = flags.kinds === undefined ? null : parseKinds(flags.kinds);
    const { changes, truncated } = await readFeed(config.server, { since: flags.since ?? null, kinds });
    process.stdout.write(
      flags.json ? `${JSON.stringify(changes, null, 2)}\n` : `${renderChanges(changes, truncated)}\n`,
    );
  } catch (error) {
    if (!(error instanceof ChangesCommandError)) throw error;
    process.stderr.write(`hubcat: ${error.message}\n`);
    process.exitCode = error.usage ? 2 : 1;
  }
}

function parseKinds(value: string): ModelChangeKind[] {
  const kinds = value.split(',').map((kind) => kind.trim().toUpperCase());
  const unknown = kinds.find((kind) => !['ADDED', 'REMOVED', 'UPDATED'].includes(kind));
  if (unknown !== undefined)
    throw new ChangesCommandError(`--kinds: unknown kind "${unknown}" (ADDED, REMOVED, UPDATED)`, true);
  return kinds as ModelChangeKind[];
}

async function readFeed(
  server: string,
  filter: { since: string | null; kinds: ModelChangeKind[] | null },
): Promise<{ changes: FeedChange[]; truncated: boolean }> {
  const changes: FeedChange[] = [];
  let after: string | null = null;
  let truncated = false;
  do {
    const page = await post(server, { ...filter, first: PAGE_SIZE, after });
    changes.push(...page.nodes);
    truncated ||= page.truncated;
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after !== null);
  return { changes, truncated };
}

/** The operation as the server knows it: by its hash (all a server running only trusted documents accepts). */
const BY_HASH = {
  extensions: {
    persistedQuery: { version: 1, sha256Hash: (ChangesDocument as { __meta__?: { hash?: string } }).__meta__?.hash },
  },
};

async function post(server: string, variables: Record<string, unknown>): Promise<NonNullable<ChangesQuery['changes']>> {
  const answer = await send(server, { ...BY_HASH, variables });
  // A server of another version may not know this hash; it then runs the same operation sent as text.
  const unknown = answer.body?.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND';
  const { response, body } = unknown ? await send(server, { query: print(ChangesDocument), variables }) : answer;
  const error = body?.errors?.[0];
  if (error) {
    const usage = ['BAD_USER_INPUT', 'INVALID_CURSOR'].includes(error.extensions?.code ?? '');
    throw new ChangesCommandError(error.message, usage);
  }
  if (!body?.data?.changes) throw new ChangesCommandError(`${server}/graphql answered ${response.status} without data`);
  return body.data.changes;
}

interface Answer {
  response: Response;
  body: {
    data?: ChangesQuery | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
}

async function send(server: string, request: object): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${server}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    // fetch says only "fetch failed"; the cause (ECONNREFUSED, a timeout) is what the user can act on.
    const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new ChangesCommandError(`cannot reach hubcat at ${server} (${reason}); set --server or HUBCAT_SERVER`);
  }
  return { response, body: (await response.json().catch(() => null)) as Answer['body'] };
}

const shown = (value: string | null | undefined) => value ?? '∅';

/** What a change did, in one cell: the model's task for an addition or removal, each field's move for an update. */
function describeFields(change: FeedChange): string {
  if (change.kind !== 'UPDATED') {
    const task = change.fields.find((field) => field.field === 'pipelineTag');
    const value = change.kind === 'ADDED' ? task?.after : task?.before;
    return value ? `pipelineTag ${value}` : '';
  }
  return change.fields.map((field) => `${field.field}: ${shown(field.before)} → ${shown(field.after)}`).join('\n');
}

function renderChanges(changes: FeedChange[], truncated: boolean): string {
  const count = (kind: ModelChangeKind) => changes.filter((change) => change.kind === kind).length;
  const lines = [
    `${changes.length.toLocaleString('en-US')} changes: ${count('ADDED')} added, ${count('REMOVED')} removed, ` +
      `${count('UPDATED')} updated`,
  ];
  if (truncated) lines.push('(older changes were dropped by the retention, HUBCAT_CHANGE_RETENTION)');
  if (changes.length === 0) return lines.join('\n');
  const table = new Table({ head: ['detected', 'kind', 'model', 'what changed'], style: { head: [], border: [] } });
  for (const change of changes) table.push([change.detectedAt, change.kind, change.modelId, describeFields(change)]);
  lines.push(table.toString());
  return lines.join('\n');
}
