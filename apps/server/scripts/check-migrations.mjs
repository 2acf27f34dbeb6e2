// Fails when the Drizzle schema has changes that no committed migration contains.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const migrations = join(app, 'src/platform/db/migrations');
const snapshot = () => new Set(readdirSync(migrations, { recursive: true }).map(String));
const before = snapshot();
const journal = join(migrations, 'meta/_journal.json');
const journalBefore = (await import('node:fs')).readFileSync(journal, 'utf8');

execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'pending_check'], { cwd: app, stdio: 'pipe' });

const added = [...snapshot()].filter((file) => !before.has(file));
if (added.length > 0) {
  for (const file of added) rmSync(join(migrations, file), { force: true });
  (await import('node:fs')).writeFileSync(journal, journalBefore);
  console.error('The schema has changes without a migration: run `npm run db:generate` and commit it.');
  process.exit(1);
}
console.log('Migrations match the schema.');
