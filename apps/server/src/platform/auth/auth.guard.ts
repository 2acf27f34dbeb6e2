import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode } from '../http/app-error';
import { clientNetwork } from '../http/client-network';
import { type BudgetedRequest, COST_TAKEN, REQUEST_COST, RequestBudget } from '../http/request-budget';
import { type Permission, requirePermission } from './access-policy';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './auth.decorators';
import { TokenSigner } from './tokens';

/**
 * Global guard: every route needs a valid access token unless marked @Public, and every
 * authenticated route must declare the permission it needs (@Allow) — a route without one is
 * refused, so a forgotten decorator fails closed. Then the request is paid for from its caller's
 * budget (RequestBudget): the user's once verified, the client network's on a public route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenSigner,
    private readonly budget: RequestBudget,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<BudgetedRequest>();
    const cost = this.reflector.getAllAndOverride<number | undefined>(REQUEST_COST, targets) ?? 1;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      this.budget.charge(`network:${clientNetwork(request.ip)}`, cost);
      return true;
    }

    const token = bearerToken(request.headers.authorization);
    if (!token) throw new AppError(ErrorCode.Unauthenticated, 'An Authorization: Bearer <accessToken> header is required');
    const principal = this.tokens.verifyAccess(token);
    if (!principal) throw new AppError(ErrorCode.Unauthenticated, 'The access token is invalid or has expired');
    request.principal = principal;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) throw AppError.forbidden('This route declares no permission');
    requirePermission(principal, permission);
    if (!request[COST_TAKEN]) this.budget.charge(`user:${principal.userId}`, cost);
    return true;
  }
}

/** The access token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}
