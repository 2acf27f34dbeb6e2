import { CreateUser, type Role, UpdateUser, type User } from '@msched/contracts';
import { type FieldErrors, fieldErrorsFrom, problemFieldErrors } from '@/lib/form-errors';
import { toProblem } from '@/lib/problem';
import { orderedRoles } from './labels';

/** What the create/edit form holds; the email and password are sent as typed, the contract normalises them. */
export interface UserFormValues {
  name: string;
  email: string;
  /** Create: the first password. Edit: a new one, or blank to keep the current one. */
  password: string;
  roles: Role[];
  /** '' = not linked to a technician. */
  technicianId: string;
  active: boolean;
}

export const EMPTY_USER_FORM: UserFormValues = { name: '', email: '', password: '', roles: [], technicianId: '', active: true };

export function formValuesOf(user: User): UserFormValues {
  return {
    name: user.name,
    email: user.email,
    password: '',
    roles: orderedRoles(user.roles),
    technicianId: user.technicianId ?? '',
    active: user.active,
  };
}

const MESSAGES = { roles: 'Choose at least one role' };

export type Validated<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors };

/** Checked with the contract's CreateUser: the messages are the schema's own (but for the one above). */
export function validateCreate(values: UserFormValues): Validated<CreateUser> {
  const parsed = CreateUser.safeParse({
    name: values.name,
    email: values.email,
    password: values.password,
    roles: orderedRoles(values.roles),
    technicianId: values.technicianId || undefined,
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: fieldErrorsFrom(parsed.error, MESSAGES) };
}

/** The fields PATCH takes, as the form would send them. */
const patchable = (values: UserFormValues) => ({
  email: values.email.trim().toLowerCase(),
  name: values.name.trim(),
  roles: orderedRoles(values.roles),
  technicianId: values.technicianId || null,
  active: values.active,
});

/** Only the fields that differ from `base` (the version being edited), plus a new password if typed; checked with UpdateUser. */
export function validateUpdate(values: UserFormValues, base: UserFormValues): Validated<UpdateUser> {
  const now = patchable(values);
  const before = patchable(base);
  const changes: Record<string, unknown> = Object.fromEntries(
    (Object.keys(now) as (keyof typeof now)[])
      .filter((key) => JSON.stringify(now[key]) !== JSON.stringify(before[key]))
      .map((key) => [key, now[key]]),
  );
  if (values.password) changes.password = values.password;
  const parsed = UpdateUser.safeParse(changes);
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: fieldErrorsFrom(parsed.error, MESSAGES) };
}

/**
 * The server's field messages by path (a taken email or technician link is a 409 `duplicate`
 * naming its field); a duplicate naming no field is filed under the email field, where the admin
 * can fix it.
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  const problem = toProblem(error);
  const named = problemFieldErrors(error);
  const taken = problem?.status === 409 && problem.code === 'duplicate' && Object.keys(named).length === 0;
  return { ...named, ...(taken ? { email: 'Another account already uses this email' } : {}) };
}
