import { describe, expect, it } from 'vitest';
import { describeProblem, toProblem } from './problem';

const say = (status: number, extra: object = {}, subject?: string) => describeProblem({ status, title: 'x', ...extra }, subject);

describe('what the user reads for each answer of the API', () => {
  it('names the situation and the way out', () => {
    expect(say(403).message).toBe('You are not allowed to do this. Ask a manager or an administrator if you need to.');
    expect(say(404, {}, 'work order').message).toBe('This work order does not exist, was deleted, or is not visible to you.');
    expect(say(412, {}, 'work order')).toMatchObject({
      message: 'Someone else changed this work order meanwhile.',
      action: 'reload',
    });
    expect(say(422).message).toBe('This was already sent with different content. Start again from a fresh form.');
    expect(say(429, { retryAfter: 30 })).toMatchObject({ message: 'Too many attempts. Try again in 30 seconds.', action: 'retry' });
    expect(say(401, { code: 'invalid_credentials' }).message).toBe('Wrong email or password.');
    expect(say(401)).toMatchObject({ message: 'Your session expired. Log in again to continue.', action: 'login' });
  });

  it("passes a conflict's own explanation through", () => {
    const detail = 'A work order in OPEN cannot move to COMPLETED; allowed next states: SCHEDULED, CANCELLED';
    expect(say(409, { detail })).toMatchObject({ message: detail, severity: 'warning' });
  });

  it('files validation messages under their fields', () => {
    const problem = say(400, {
      errors: [
        { path: 'title', message: 'must not be empty' },
        { path: 'tasks.0.title', message: 'Too big' },
      ],
    });
    expect(problem.message).toBe('Some fields need attention.');
    expect(problem.fieldErrors).toEqual({ title: 'must not be empty', 'tasks.0.title': 'Too big' });
  });

  it("names each field's message where no field shows it (a list's filters), and takes a bad id in the address for a cut link", () => {
    const problem = (status: number, extra: object) => ({ status, title: 'x', ...extra });
    const filters = problem(400, { errors: [{ path: 'dueDateTo', message: 'must not be before dueDateFrom' }] });
    expect(describeProblem(filters, 'list', false).message).toBe('Due date to must not be before due date from.');
    // A form puts it on the field itself.
    expect(describeProblem(filters, 'work order').message).toBe('Some fields need attention.');
    const badId = problem(400, { errors: [{ path: 'id', message: 'Invalid UUID' }] });
    expect(describeProblem(badId, 'work order', false).message).toBe('This work order does not exist or the link is cut.');
    // Any id of the address, as the route names it.
    const badRun = problem(400, { errors: [{ path: 'runId', message: 'Invalid UUID' }] });
    expect(describeProblem(badRun, 'optimizer run', false).message).toBe('This optimizer run does not exist or the link is cut.');
    // A filter naming an id is a filter, not the address.
    const badFilter = problem(400, { errors: [{ path: 'locationId', message: 'Invalid UUID' }] });
    expect(describeProblem(badFilter, 'equipment list', false).message).toBe('Location id is not a valid id.');
  });

  it("says a list's search is too long in plain words", () => {
    const tooLong = { status: 400, title: 'x', errors: [{ path: 'search', message: 'Too big: expected string to have <=200 characters' }] };
    expect(describeProblem(tooLong, 'list', false).message).toBe('Search is limited to 200 characters.');
    const tooLongQ = { ...tooLong, errors: [{ path: 'q', message: 'Too big: expected string to have <=200 characters' }] };
    expect(describeProblem(tooLongQ, 'list', false).message).toBe('Search is limited to 200 characters.');
  });

  it('reads RTK Query errors, including no answer at all', () => {
    expect(toProblem({ status: 404, data: { title: 'Not found', status: 404, code: 'not_found' } })).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(describeProblem(toProblem({ status: 'FETCH_ERROR', error: 'TypeError' })!).message).toMatch(/^Can't reach the server/);
    expect(toProblem(undefined)).toBeNull();
  });
});
