import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { sameHostWebSockets } from './web-app';

/**
 * Security headers on every answer (helmet's defaults and our Content-Security-Policy for the web
 * app). The middleware is built once here; the Fastify plugin built a new one for every request,
 * which was a measurable share of a cached answer's cost.
 */
export function sendSecurityHeaders(fastify: FastifyInstance): void {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // 'unsafe-inline' styles: the web app's MUI (Emotion) injects <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", sameHostWebSockets],
        // Helmet's default would send every script of a page served over plain HTTP to https://
        // (the web app on http://<plant-server>:3000 would not load); behind TLS it changes nothing.
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    apply(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
}
