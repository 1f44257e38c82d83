import { Option, type Command } from 'commander';
import { SETTINGS } from '../config.ts';

type SettingKey = keyof typeof SETTINGS;

/** What each flag takes, as help shows it; `<n>` unless named here. */
const PLACEHOLDERS: Partial<Record<SettingKey, string>> = {
  endpoint: '<url>',
  cacheUrl: '<url>',
  cacheMode: '<mode>',
  replicaId: '<name>',
  providers: '<names>',
  provider: '<name>',
  routerEndpoint: '<url>',
  strategy: '<name>',
  sorts: '<keys>',
  expand: '<fields>',
  logLevel: '<level>',
};

/** The settings `hubcat fetch` reads: the upstream, the fetch plan, and how much to say. */
export const FETCH_SETTINGS: readonly SettingKey[] = [
  'endpoint',
  'providers',
  'provider',
  'routerEndpoint',
  'strategy',
  'sorts',
  'expand',
  'pageSize',
  'concurrency',
  'maxRequests',
  'timeoutMs',
  'maxRetries',
  'logLevel',
];

/** Every setting with a flag, in the table's order, but the address `hubcat changes` reads: what `serve` reads. */
export const ALL_SETTINGS = (Object.keys(SETTINGS) as SettingKey[]).filter((key) => key !== 'server');

/**
 * Adds a flag for each setting, with help generated from the settings table (its meaning, environment variable and
 * default), so help cannot disagree with `loadConfig`. The values stay undefined unless given: the environment and the
 * defaults are applied by `loadConfig`, in that order.
 */
export function withSettings(command: Command, keys: readonly SettingKey[]): Command {
  for (const key of keys) {
    const spec = SETTINGS[key];
    if (spec.flag === null) continue;
    const fallback = 'fallback' in spec ? `, default ${spec.fallback}` : '';
    command.addOption(
      new Option(
        `${spec.flag} ${PLACEHOLDERS[key] ?? '<n>'}`,
        `${spec.description} (env ${spec.env.join(', ')}${fallback})`,
      ),
    );
  }
  return command;
}
