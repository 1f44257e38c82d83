import { listModels } from '@huggingface/hub';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { HubClient } from '../../src/hub/index.ts';
import { collect, idsOf, sorted } from './helpers.ts';

const TOKEN = 'hf_crossCheckToken0123456789';

// Acceptance: the official JS client, which follows `Link` with its own parser, must list the
// same models from the emulator as hubcat does; if the emulator's Link format were not the
// Hub's, one of the two would stop early or fail.
describe('cross-check with @huggingface/hub', () => {
  const emu = useEmulator({ preset: 'gateway-2025-10', tokens: [TOKEN] });

  it('lists the same 1,377 hf-inference models as hubcat', async () => {
    const official: string[] = [];
    emu.resetLog();
    for await (const model of listModels({
      hubUrl: emu.url,
      accessToken: TOKEN,
      search: { inferenceProviders: ['hf-inference'] },
      sort: 'createdAt',
    })) {
      official.push(model.name);
    }
    const officialRequests = emu.requests.filter((request) => request.path === '/api/models');

    const hubcat = idsOf(
      await collect(
        new HubClient({ endpoint: emu.url, token: TOKEN }).listModels({
          inferenceProvider: 'hf-inference',
          sort: 'createdAt',
          limit: 1000,
        }),
      ),
    );

    expect(official).toHaveLength(1377);
    expect(sorted(official)).toEqual(sorted(hubcat));
    expect(sorted(official)).toEqual(sorted(emu.servedIds('hf-inference')));
    // It pages 500 at a time: three requests, all authenticated.
    expect(officialRequests.map((request) => request.authenticated)).toEqual([true, true, true]);
  });
});
