import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from './database';
import { isDatabaseUnavailable, isTransientConnectionError } from './errors';

const transient = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('Database.read retries reads after transient connection errors', () => {
  let database: Database;
  beforeAll(async () => {
    database = await Database.open({ pgliteDir: 'memory://' });
  });
  afterAll(() => database.close());

  it('retries twice and answers the third attempt', async () => {
    let attempts = 0;
    let retries = 0;
    database.onRetry = () => retries++;
    const answer = await database.read(async () => {
      attempts++;
      if (attempts < 3) throw transient();
      return 'rows';
    });
    expect(answer).toBe('rows');
    expect(attempts).toBe(3);
    expect(retries).toBe(2);
  });

  it('gives up after three attempts with the last error', async () => {
    let attempts = 0;
    await expect(
      database.read(async () => {
        attempts++;
        throw transient();
      }),
    ).rejects.toThrow('ECONNRESET');
    expect(attempts).toBe(3);
  });

  it('does not retry an error that a new connection would not fix', async () => {
    let attempts = 0;
    await expect(
      database.read(async () => {
        attempts++;
        throw Object.assign(new Error('duplicate key'), { code: '23505' });
      }),
    ).rejects.toThrow('duplicate key');
    expect(attempts).toBe(1);
  });

  it('never retries inside a transaction, where a retry could apply work twice', async () => {
    let attempts = 0;
    await expect(
      database.transaction(() =>
        database.read(async () => {
          attempts++;
          throw transient();
        }),
      ),
    ).rejects.toThrow('ECONNRESET');
    expect(attempts).toBe(1);
  });
});

describe('classifying driver errors', () => {
  it.each([
    ['ECONNREFUSED', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['a terminated connection', { message: 'Connection terminated unexpectedly' }],
    ['a pool connect timeout', { message: 'timeout exceeded when trying to connect' }],
    ['a wrapped cause', { message: 'Failed query', cause: { code: 'ETIMEDOUT', message: 'x' } }],
  ])('%s is transient', (_what, error) => {
    expect(isTransientConnectionError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key value' }],
    ['a syntax error', { code: '42601', message: 'syntax error' }],
  ])('%s is not transient', (_what, error) => {
    expect(isTransientConnectionError(error)).toBe(false);
  });

  it('an unreachable server or a closed pool means the database is unavailable (503), a bad query does not', () => {
    expect(isDatabaseUnavailable({ code: '08006', message: 'connection failure' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Cannot use a pool after calling end on the pool'))).toBe(true);
    // Every pooled connection busy for the connect timeout; no answer in the query timeout; a
    // statement ended by statement_timeout: the database cannot answer now (503), not a bug (500).
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable({ code: '57014', message: 'canceling statement due to statement timeout' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key' })).toBe(false);
  });
});
