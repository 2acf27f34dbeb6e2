import { Uuid } from '@msched/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Permission, isAllowed } from '../../platform/auth/access-policy';
import { REQUIRED_PERMISSION } from '../../platform/auth/auth.decorators';
import { bearerToken } from '../../platform/auth/auth.guard';
import type { TokenSigner, VerifiedPrincipal } from '../../platform/auth/tokens';
import { type BudgetedRequest, COST_TAKEN, type RequestBudget } from '../../platform/http/request-budget';
import type { CachedDetailAnswer, WorkOrderQueriesService } from './work-order-queries.service';
import { WorkOrdersController } from './work-orders.controller';

/** The route this hook answers for, as Fastify names it. */
const DETAIL_ROUTE = '/api/v1/work-orders/:id';

/**
 * Answers a cache hit of `GET /api/v1/work-orders/:id` (no query string) in a Fastify hook,
 * before Nest's guard, pipes and interceptors: most of a hit's cost was that pipeline. It
 * applies what the route applies (a valid token, the route's own permission, the id checked as
 * a UUID, the caller's request budget) and the service's own key, object check and per-caller
 * presentation; work the caller may not see is the same 404. Anything else (a miss, the cache unreachable, a bad token, a query
 * string) is left to the route, which answers it as usual.
 */
export function answerCachedDetailsEarly(
  fastify: FastifyInstance,
  tokens: TokenSigner,
  budget: RequestBudget,
  queries: WorkOrderQueriesService,
): void {
  const permission = Reflect.getMetadata(REQUIRED_PERMISSION, WorkOrdersController.prototype.get) as Permission | undefined;
  // Fails closed like the guard: without the route's own permission there is nothing to check.
  if (!permission) throw new Error(`${DETAIL_ROUTE} declares no permission on its handler`);
  fastify.addHook('onRequest', (request, reply, done) => {
    const principal = earlyCaller(request, tokens, permission);
    if (!principal) return done();
    // Paid here once; a miss goes on to the route, whose guard then does not charge it again. A
    // caller with nothing left goes on to the route too, which refuses it as usual.
    if (budget.take(`user:${principal.userId}`) !== undefined) return done();
    (request as BudgetedRequest)[COST_TAKEN] = true;
    // Callbacks, not an async hook: each promise of a hit's path is paid on every request.
    queries.cachedDetailAnswer(principal, (request.params as { id: string }).id).then(
      (answer) => (answer ? sendAnswer(reply, answer) : done()),
      // A cached work order the caller may not see rejects with the route's own 404 (problem+json).
      (error: Error) => done(error),
    );
  });
}

/** The caller of a request this hook may answer, or undefined to leave the request to the route. */
function earlyCaller(request: FastifyRequest, tokens: TokenSigner, permission: Permission): VerifiedPrincipal | undefined {
  if (request.method !== 'GET' || request.routeOptions.url !== DETAIL_ROUTE || request.url.includes('?')) return undefined;
  if (!Uuid.safeParse((request.params as { id: string }).id).success) return undefined;
  const token = bearerToken(request.headers.authorization);
  const principal = token ? tokens.verifyAccess(token) : null;
  return principal && isAllowed(principal, permission) ? principal : undefined;
}

/** The route's own answer: the same content type and ETag, through Fastify (compression included). */
function sendAnswer(reply: FastifyReply, answer: CachedDetailAnswer): void {
  reply.header('etag', `"${answer.version}"`).type('application/json; charset=utf-8').send(answer.json);
}
