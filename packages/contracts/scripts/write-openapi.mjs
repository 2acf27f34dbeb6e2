// Writes openapi.json from the zod contract; with --check, fails when the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildOpenApiDocument } = createRequire(import.meta.url)(join(root, 'dist/index.js'));
const target = join(root, 'openapi.json');
const generated = JSON.stringify(buildOpenApiDocument(), null, 2) + '\n';

if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== generated) {
    console.error('openapi.json is out of date: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json matches the contract.');
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}
