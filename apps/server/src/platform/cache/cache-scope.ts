import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, map, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { AppError } from '../http/app-error';
import { ReadThroughCache, generationKeys } from './read-through-cache';

export const CACHE_SCOPE = 'cache:scope';
export type CacheScopeName = 'workOrders' | 'reference';

/**
 * What a controller's writes change: work orders, or the reference data shown with them. It
 * also puts the invalidation below on every route of the controller (and only there: reads of
 * unscoped controllers skip the interceptor and its rxjs pipeline).
 */
export const CacheScope = (scope: CacheScopeName) =>
  applyDecorators(SetMetadata(CACHE_SCOPE, scope), UseInterceptors(CacheInvalidationInterceptor));

/**
 * After every write request of a scoped controller (once its transaction has committed, and
 * before the answer leaves), bumps the generations the write may have changed. Doing it here,
 * for every route, means a new write path cannot forget to invalidate. Failed writes bump too:
 * cheap, and safe if a failure came after a commit. Only a request its contract refused, before
 * any handler ran, does not: nothing can have changed, and refused requests (anyone may send
 * them) must not be a way to empty everyone's cache.
 */
@Injectable()
export class CacheInvalidationInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cache: ReadThroughCache,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { params?: Record<string, string> }>();
    const scope = this.reflector.getAllAndOverride<CacheScopeName | undefined>(CACHE_SCOPE, [context.getHandler(), context.getClass()]);
    const principal = request.principal;
    if (!scope || request.method === 'GET' || request.method === 'HEAD' || !principal) return next.handle();
    const keys =
      scope === 'workOrders'
        ? [
            generationKeys.workOrders(principal.organizationId),
            // UUIDs are case-insensitive: the generation must not depend on how the path spelled it.
            ...(request.params?.id ? [generationKeys.workOrder(request.params.id.toLowerCase())] : []),
          ]
        : [generationKeys.reference(principal.organizationId)];
    const invalidate = () => from(this.cache.invalidate(keys));
    return next.handle().pipe(
      concatMap((body: unknown) => invalidate().pipe(map(() => body))),
      catchError((error: unknown) =>
        error instanceof AppError && error.options.changedNothing
          ? throwError(() => error)
          : invalidate().pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }
}
