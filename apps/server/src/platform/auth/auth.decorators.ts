import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Permission } from './access-policy';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_PERMISSION = 'auth:permission';

/** No token needed (login, refresh, health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The role-level permission a route needs; object rules are checked by the service. */
export const Allow = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
