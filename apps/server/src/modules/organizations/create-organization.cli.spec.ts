import { describe, expect, it } from 'vitest';
import { newOrganizationFrom, parseArguments } from './create-organization.cli';

const required = ['--name', 'Acme Plant', '--slug', 'acme', '--admin-email', 'ada@acme.example', '--admin-name', 'Ada Admin'];

describe('org:create arguments', () => {
  it('reads each flag as "--flag value" or "--flag=value", with UTC and EUR by default', () => {
    const values = parseArguments([...required.slice(0, 6), '--admin-name=Ada Admin', '--timezone=Europe/Oslo']);
    expect(newOrganizationFrom(values, 'secret-enough-1')).toEqual({
      name: 'Acme Plant',
      slug: 'acme',
      timezone: 'Europe/Oslo',
      currency: 'EUR',
      admin: { email: 'ada@acme.example', name: 'Ada Admin', password: 'secret-enough-1' },
    });
    expect(newOrganizationFrom(parseArguments(required), 'p').timezone).toBe('UTC');
  });

  it.each([
    [[...required, '--password', 'x'], 'unknown argument "--password"'],
    [required.slice(2), '--name is required'],
    [[...required, '--slug', 'again'], '--slug given twice'],
    [['--name', '--slug', 'acme'], '--name needs a value'],
    [[...required, '--timezone'], '--timezone needs a value'],
    [[...required, '__proto__=x'], 'unknown argument "__proto__=x"'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseArguments(args)).toThrow(message);
  });
});
