import { IsoDateTime, PageQuery, Uuid, text } from './common';
import { Role } from './enums';
import { z } from './zod';

/**
 * An email address as typed: trimmed and lower-cased. At most 254 characters (RFC 5321's limit
 * for a path), so no one can make the server store, index or hash megabytes of "address".
 */
const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const LoginRequest = z
  .object({
    email: Email,
    password: z.string().min(1).max(1024),
  })
  .openapi('LoginRequest');

export const RefreshRequest = z.object({ refreshToken: z.string().min(20).max(200) }).openapi('RefreshRequest');

export const AuthUser = z
  .object({
    id: Uuid,
    email: z.string(),
    name: z.string(),
    roles: z.array(Role),
    organizationId: Uuid,
    technicianId: Uuid.nullable(),
  })
  .openapi('AuthUser');
export type AuthUser = z.infer<typeof AuthUser>;

export const TokenPair = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().openapi({ description: 'Access token lifetime in seconds.' }),
    user: AuthUser,
  })
  .openapi('TokenPair');
export type TokenPair = z.infer<typeof TokenPair>;

/** `GET /auth/demo-logins`: what a login page may offer while the server runs the demo. */
export const DemoLogins = z
  .object({
    password: z.string().nullable().openapi({ description: 'The shared demo password; null when no demo data is seeded.' }),
    accounts: z.array(z.object({ email: z.string(), name: z.string(), roles: z.array(Role) })),
  })
  .openapi('DemoLogins');
export type DemoLogins = z.infer<typeof DemoLogins>;

export const User = AuthUser.extend({
  active: z.boolean(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).openapi('User');
export type User = z.infer<typeof User>;

const Password = z.string().min(12, { message: 'must be at least 12 characters' }).max(256);

export const CreateUser = z
  .object({
    email: Email,
    name: text(200),
    password: Password,
    roles: z.array(Role).min(1).max(5),
    technicianId: Uuid.nullish(),
  })
  .strict()
  .openapi('CreateUser');
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .object({
    email: Email.openapi({ description: 'The sign-in email; another account (of any organization) may not use it. Sessions stay.' }),
    name: text(200),
    password: Password,
    roles: z.array(Role).min(1).max(5),
    technicianId: Uuid.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .openapi('UpdateUser');
export type UpdateUser = z.infer<typeof UpdateUser>;

export const UserListQuery = PageQuery.extend({ search: z.string().trim().max(200).optional() });
export type UserListQuery = z.infer<typeof UserListQuery>;
