import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppDependencies, AppModule } from './app.module';
import { IdempotencyRepository } from './platform/http/idempotency.repository';
import { AppError } from './platform/http/app-error';
import { answerClientError, answerFrameworkError } from './platform/http/framework-errors';
import { tagVersionedAnswers } from './platform/http/concurrency';
import { serializeReply } from './platform/http/serialized-json';
import { decodeJsonBody } from './platform/http/json-body';
import { RequestBudget } from './platform/http/request-budget';
import { EventDispatcher } from './platform/events/event-dispatcher';
import { RealtimeGateway } from './platform/realtime/realtime.gateway';
import { registerWebApp } from './platform/http/web-app';
import { sendSecurityHeaders } from './platform/http/security-headers';
import { PmScheduler } from './modules/pm-plans/pm-scheduler';
import { answerCachedDetailsEarly } from './modules/work-orders/cached-detail.hook';
import { WorkOrderQueriesService } from './modules/work-orders/work-order-queries.service';
import { TokenSigner } from './platform/auth/tokens';

const openApiDocument = () =>
  JSON.parse(readFileSync(require.resolve('@msched/contracts/openapi.json'), 'utf8')) as Record<string, unknown>;

/** Builds the HTTP server (not yet listening). */
export async function createApp(dependencies: AppDependencies): Promise<NestFastifyApplication> {
  const { config } = dependencies;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Trusting X-Forwarded-For from anyone would let a client pick its own address and so
    // dodge the per-IP login limit; only behind a proxy that sets it.
    trustProxy: config.trustProxy,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // What Fastify and Node answer themselves (a bad path, malformed HTTP) is problem+json too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.create(dependencies), adapter, {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn', ...(config.logLevel === 'debug' ? (['log', 'debug'] as const) : [])],
    bufferLogs: false,
    // Our own JSON-only parser below; Nest's would also accept url-encoded forms.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // Errors Fastify raises before a route runs (body size, media type, bad JSON) reach Nest's error
  // handler and so the global ProblemFilter: they are problem+json like every other error.
  // Only JSON bodies are accepted; anything else is 415 rather than a confusing parse error.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(/^application\/([\w.+-]+\+)?json(;.*)?$/i, { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, decodeJsonBody(request.headers['content-type'], body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  tagVersionedAnswers(fastify);
  fastify.setReplySerializer(serializeReply);
  // What no endpoint could read right is refused before routing: a NUL anywhere in the URL, and
  // `?status[]=OPEN` (the style some client libraries write), a parameter named `status[]` that no
  // endpoint reads: without this the list would answer unfiltered, as if asked for all.
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (/%00/.test(request.url)) return done(AppError.validation([{ path: 'query', message: 'must not contain NUL (%00) characters' }]));
    const bracketed = Object.keys((request.query as Record<string, unknown> | undefined) ?? {}).filter((key) => /[[\]]/.test(key));
    done(
      bracketed.length > 0
        ? AppError.validation(
            bracketed.map((key) => ({
              path: key,
              message:
                'parameters with brackets are not read: repeat the parameter (status=OPEN&status=SCHEDULED) or list its values with commas',
            })),
          )
        : undefined,
    );
  });

  sendSecurityHeaders(fastify);
  await app.register(fastifyCors, {
    origin: config.corsOrigins,
    credentials: true,
    exposedHeaders: ['ETag', 'Retry-After', 'Idempotent-Replayed'],
    // An OPTIONS request that is no CORS preflight is answered 204 (its allowed methods), not a
    // plain-text 400: OPTIONS is a method like any other.
    strictPreflight: false,
  });
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
  await app.register(fastifySwagger, { mode: 'static', specification: { document: openApiDocument() as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  fastify.get('/api/openapi.json', (_request, reply) => reply.send(fastify.swagger()));
  await registerWebApp(fastify, config.webDistDir);
  // After the security headers, CORS and compression, whose hooks shape every answer, this one's included.
  answerCachedDetailsEarly(fastify, app.get(TokenSigner), app.get(RequestBudget), app.get(WorkOrderQueriesService));

  await app.init();
  // Socket.IO shares the API's port; the dispatcher starts once sockets can receive.
  app.get(RealtimeGateway).attach(fastify.server);
  app.get(EventDispatcher).start();
  await app.get(PmScheduler).start();
  const idempotency = app.get(IdempotencyRepository);
  const purge = setInterval(() => void idempotency.purgeExpired().catch(() => undefined), 3600_000);
  purge.unref();
  fastify.addHook('onClose', async () => clearInterval(purge));
  return app;
}
