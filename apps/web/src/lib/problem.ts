/**
 * Turns an API error (RFC 9457 problem+json, or no answer at all) into what the user reads.
 * One place for every status, so each screen says the same thing for the same situation.
 */
export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  allowedNextStates?: string[];
  /** Seconds, from the Retry-After header of a 429/503. */
  retryAfter?: number;
  [extension: string]: unknown;
}

export type ProblemAction = 'reload' | 'login' | 'retry';

export interface ProblemMessage {
  severity: 'error' | 'warning';
  message: string;
  action?: ProblemAction;
  /** Messages by field path (`title`, `tasks.0.title`), from a 400's `errors`. */
  fieldErrors: Record<string, string>;
}

const OFFLINE: Problem = { status: 0, title: 'No answer from the server' };

/** The problem behind anything RTK Query or fetch may throw; null when there is none. */
export function toProblem(error: unknown): Problem | null {
  if (!error || typeof error !== 'object') return null;
  const { status, data } = error as { status?: unknown; data?: unknown };
  if (typeof status === 'number') {
    const body = data && typeof data === 'object' ? (data as Partial<Problem>) : {};
    return { ...body, status, title: typeof body.title === 'string' ? body.title : `HTTP ${status}` };
  }
  if (status === 'FETCH_ERROR' || status === 'TIMEOUT_ERROR') return OFFLINE;
  if (status === 'PARSING_ERROR') return { status: 502, title: 'Unreadable answer from the server' };
  return { status: 500, title: 'Unexpected error', detail: (error as { message?: string }).message };
}

/** A path naming the id in the address (`/work-orders/:id`, a run's `runId`) rather than a field one typed. */
// Filters such as `equipmentId` or `locationId` are named as filters, not as a cut link.
const ADDRESS_IDS = new Set(['id', 'runId']);
const isAddressId = (path: string) => ADDRESS_IDS.has(path);

/** A field as a list's alert names it: `search` → "Search", `dueDateTo` → "Due date to" (`q` is the search too). */
function fieldLabel(path: string): string {
  const words =
    path === 'q'
      ? 'search'
      : path
          .replace(/\.\d+/g, '')
          .replaceAll('.', ' ')
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The contract's schema messages the server passes on, in plain words; others as they come. */
function plainFieldMessage(message: string): string {
  const tooLong = /^Too big: expected string to have <=\s*(\d+) characters?$/.exec(message);
  if (tooLong) return `is limited to ${tooLong[1]} characters`;
  if (/^Too small: expected string to have >=\s*1 characters?$/.test(message)) return 'must not be empty';
  if (message === 'Invalid UUID') return 'is not a valid id';
  // Another parameter the message names, as the alert names its own: `dueDateFrom` → "due date from".
  return message.replace(/\b[a-z]+(?:[A-Z][a-z]*)+\b/g, (name) => fieldLabel(name).toLowerCase());
}

const fieldErrorsOf = (problem: Problem) =>
  Object.fromEntries((problem.errors ?? []).filter((error) => error.path).map((error) => [error.path, error.message]));

/**
 * `subject` names what the screen is about ("work order"), for 404 and 412. `fieldsShown`: the
 * screen puts each field's message on its field (a form); else (a list's filters, an address) the
 * message names them itself.
 */
export function describeProblem(problem: Problem, subject = 'item', fieldsShown = true): ProblemMessage {
  const fieldErrors = fieldErrorsOf(problem);
  const say = (message: string, extra: Partial<ProblemMessage> = {}): ProblemMessage => ({
    severity: 'error',
    message,
    fieldErrors,
    ...extra,
  });
  switch (problem.status) {
    case 0:
      return say("Can't reach the server. Check your connection and try again; nothing was saved.", { action: 'retry' });
    case 400: {
      const unnamed = (problem.errors ?? []).filter((error) => !error.path).map((error) => error.message);
      const paths = Object.keys(fieldErrors);
      // Only an id of the address is wrong (a mistyped or cut link): there is no such thing to show.
      if (!fieldsShown && unnamed.length === 0 && paths.length > 0 && paths.every(isAddressId))
        return say(`This ${subject} does not exist or the link is cut.`);
      // No field shows its message (a list's search, an address): the alert says which and what.
      if (paths.length > 0 && !fieldsShown)
        return say(
          [`${paths.map((path) => `${fieldLabel(path)} ${plainFieldMessage(fieldErrors[path]!)}`).join('; ')}.`, ...unnamed].join(' '),
        );
      if (paths.length > 0) return say(['Some fields need attention.', ...unnamed].join(' '));
      return say(problem.detail ?? 'The request was not valid.');
    }
    case 401:
      if (problem.code === 'invalid_credentials') return say('Wrong email or password.');
      return say('Your session expired. Log in again to continue.', { action: 'login' });
    case 403:
      return say('You are not allowed to do this. Ask a manager or an administrator if you need to.');
    case 404:
      return say(`This ${subject} does not exist, was deleted, or is not visible to you.`);
    case 409:
      // The server says what conflicts (the allowed next states, the overlapping work, the stock).
      return say(problem.detail ?? `This ${subject} is in a state that does not allow this.`, { severity: 'warning' });
    case 412:
      // What to do next depends on what the screen offers (ProblemAlert says it with its buttons).
      return say(`Someone else changed this ${subject} meanwhile.`, { severity: 'warning', action: 'reload' });
    case 413:
      return say('That is too large to send. Shorten the text or remove attachments.');
    case 422:
      return say('This was already sent with different content. Start again from a fresh form.');
    case 429:
      return say(
        problem.retryAfter
          ? `Too many attempts. Try again in ${problem.retryAfter} seconds.`
          : 'Too many attempts. Wait a moment and try again.',
        { action: 'retry' },
      );
    case 503:
      return say('The service is briefly unavailable. Try again in a few seconds.', { action: 'retry' });
    default:
      if (problem.status >= 500)
        return say('Something went wrong on the server. Try again; if it keeps happening, tell your administrator.');
      return say(problem.detail ?? problem.title);
  }
}
