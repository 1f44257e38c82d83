import { afterEach, describe, expect, it } from 'vitest';
import { hubcatCli, waitForLine } from '../support/cli.ts';

const running: ReturnType<typeof hubcatCli>[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** Starts `hubcat demo` and resolves with its banner, once it names every address. */
async function demo(): Promise<string> {
  const child = hubcatCli(['demo', '--port', '0', '--host', '127.0.0.1', '--preset', 'tiny', '--evolve-every', '0']);
  running.push(child);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await waitForLine(child, /^readiness: /);
  return stdout;
}

describe('hubcat demo, as a newcomer runs it', () => {
  it("puts the emulator on the README's port 7861 (or says which one, when 7861 is taken), and its model links work", async () => {
    const banner = await demo();
    const emulatorPort = Number(/^hubcat demo — upstream: .* \(http:\/\/127\.0\.0\.1:(\d+)\)/m.exec(banner)?.[1]);
    const graphql = /^GraphQL \(with GraphiQL\): (\S+)$/m.exec(banner)![1]!;
    if (emulatorPort !== 7861) expect(banner).toContain(`port 7861, which the README's samples show, is taken`);

    const answer = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ models(first: 1) { nodes { id url } } }' }),
    });
    const [model] = ((await answer.json()) as { data: { models: { nodes: { id: string; url: string }[] } } }).data
      .models.nodes;
    const page = await fetch(model!.url);

    expect(model!.url).toBe(`http://127.0.0.1:${emulatorPort}/${model!.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<h1>${model!.id}</h1>`);
  });
});
