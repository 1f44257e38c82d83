import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaSdl } from './index.ts';

const target = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
writeFileSync(target, printSchemaSdl());
process.stdout.write(`wrote ${target}\n`);
