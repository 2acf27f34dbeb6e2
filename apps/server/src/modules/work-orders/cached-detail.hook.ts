import { Uuid } from '@msched/contracts';
import type { FastifyInstance } from 'fastify';
import { type Permission, isAllowed } from '../../platform/auth/access-policy';
import { REQUIRED_PERMISSION } from '../../platform/auth/auth.decorators';
import { bearerToken } from '../../platform/auth/auth.guard';
import type { TokenSigner } from '../../platform/auth/tokens';
import type { WorkOrderQueriesService } from './work-order-queries.service';
import { WorkOrdersController } from './work-orders.controller';

/** The route this hook answers for, as Fastify names it. */
const DETAIL_ROUTE = '/api/v1/work-orders/:id';

/**
 * Answers a cache hit of `GET /api/v1/work-orders/:id` (no query string) in a Fastify hook,
 * before Nest's guard, pipes and interceptors: most of a hit's cost was that pipeline. It
 * applies what the route applies (a valid token, the route's own permission, the id checked as
 * a UUID) and the service's own key, object check and per-caller presentation; work the caller
 * may not see is the same 404. Anything else (a miss, the cache unreachable, a bad token, a query
 * string) is left to the route, which answers it as usual.
 */
export function answerCachedDetailsEarly(fastify: FastifyInstance, tokens: TokenSigner, queries: WorkOrderQueriesService): void {
  const permission = Reflect.getMetadata(REQUIRED_PERMISSION, WorkOrdersController.prototype.get) as Permission | undefined;
  // Fails closed like the guard: without the route's own permission there is nothing to check.
  if (!permission) throw new Error(`${DETAIL_ROUTE} declares no permission on its handler`);
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== DETAIL_ROUTE || request.url.includes('?')) return;
    const { id } = request.params as { id: string };
    if (!Uuid.safeParse(id).success) return;
    const token = bearerToken(request.headers.authorization);
    const principal = token ? tokens.verifyAccess(token) : null;
    if (!principal || !isAllowed(principal, permission)) return;
    // A cached work order the caller may not see throws the route's own 404 (problem+json).
    const answer = await queries.cachedDetailAnswer(principal, id);
    if (!answer) return;
    return reply.header('etag', `"${answer.version}"`).type('application/json; charset=utf-8').send(answer.json);
  });
}
