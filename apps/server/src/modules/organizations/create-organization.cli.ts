import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig } from '../../config';
import { Database } from '../../platform/db/database';
import { databaseTargetOf } from '../../platform/db/database-target';
import { createOrganization, NewOrganizationError, type NewOrganization } from './new-organization';

const USAGE = `Usage: npm run org:create -- --name "Acme Plant" --slug acme --admin-email admin@acme.example --admin-name "Ada Admin"
                          [--timezone Europe/Berlin] [--currency EUR]
The admin's password (at least 12 characters) comes from the ADMIN_PASSWORD environment variable,
or else from a prompt (or the first line piped in); never from the command line, where it would be logged.`;

class UsageError extends Error {}

const FLAGS = {
  '--name': 'name',
  '--slug': 'slug',
  '--timezone': 'timezone',
  '--currency': 'currency',
  '--admin-email': 'adminEmail',
  '--admin-name': 'adminName',
} as const;
type Field = (typeof FLAGS)[keyof typeof FLAGS];

/** Reads `--flag value` or `--flag=value` for each flag; anything else, a repeat or a missing value is a usage error. */
export function parseArguments(args: readonly string[]): Partial<Record<Field, string>> {
  const values: Partial<Record<Field, string>> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const equals = arg.indexOf('=');
    const flag = (equals < 0 ? arg : arg.slice(0, equals)) as keyof typeof FLAGS;
    const field = Object.hasOwn(FLAGS, flag) ? FLAGS[flag] : undefined;
    if (!field) throw new UsageError(`unknown argument "${arg}"`);
    const value = equals < 0 ? args[++index] : arg.slice(equals + 1);
    if (value === undefined || (equals < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    if (values[field] !== undefined) throw new UsageError(`${flag} given twice`);
    values[field] = value;
  }
  for (const [flag, field] of [
    ['--name', 'name'],
    ['--slug', 'slug'],
    ['--admin-email', 'adminEmail'],
    ['--admin-name', 'adminName'],
  ] as const) {
    if (values[field] === undefined) throw new UsageError(`${flag} is required`);
  }
  return values;
}

/** The organization to create from the parsed flags and the password; defaults UTC and EUR. */
export function newOrganizationFrom(values: Partial<Record<Field, string>>, password: string): NewOrganization {
  return {
    name: values.name ?? '',
    slug: values.slug ?? '',
    timezone: values.timezone ?? 'UTC',
    currency: values.currency ?? 'EUR',
    admin: { email: values.adminEmail ?? '', name: values.adminName ?? '', password },
  };
}

/** ADMIN_PASSWORD, or a line typed at a prompt that does not echo it, or the first line piped in. */
async function readPassword(): Promise<string> {
  const fromEnvironment = process.env.ADMIN_PASSWORD;
  if (fromEnvironment) return fromEnvironment;
  if (process.stdin.isTTY) {
    process.stderr.write('Password for the admin (at least 12 characters, not shown): ');
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const prompt = createInterface({ input: process.stdin, output: silent, terminal: true });
    const typed = await new Promise<string>((resolve) => prompt.question('', resolve));
    prompt.close();
    process.stderr.write('\n');
    return typed;
  }
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** `npm run org:create -- …`: a new organization and its first admin, on the configured database. */
async function main(): Promise<void> {
  const values = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  const input = newOrganizationFrom(values, await readPassword());
  const database = await Database.open(databaseTargetOf(config, { batch: true }));
  try {
    await database.migrate();
    const created = await createOrganization(database, input);
    console.log(`Organization "${input.name}" (${input.slug}) created: ${created.organizationId}.`);
    console.log(`Its admin signs in as ${created.adminEmail}.`);
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof NewOrganizationError) console.error(`Nothing created: ${error.message}`);
    else console.error(error);
    process.exit(1);
  });
}
