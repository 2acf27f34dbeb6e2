import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { sameHostWebSockets } from './web-app';

/** Distinct Host headers whose header set is kept; the Host header is the client's to choose. */
const MAX_HOSTS = 64;

/**
 * Security headers on every answer (helmet's defaults and our Content-Security-Policy for the web
 * app). Helmet decides the headers; they depend on the request only through its Host (the
 * WebSocket origins the page may connect to), so they are worked out once per Host and copied onto
 * each answer. Running helmet's middleware chain for every request, header by header, was a
 * measurable share of a cached answer's cost.
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
  const byHost = new Map<string, Record<string, string>>();
  const headersFor = (host: string): Record<string, string> => {
    const headers: Record<string, string> = {};
    let failure: unknown;
    // A response that only records what helmet sets, for a request that only has this Host.
    const recorder = {
      setHeader: (name: string, value: string) => (headers[name] = value),
      removeHeader: () => undefined,
    } as unknown as ServerResponse;
    apply({ headers: { host } } as IncomingMessage, recorder, (error?: unknown) => (failure = error));
    if (failure) throw failure;
    return headers;
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    const host = request.headers.host ?? '';
    let headers = byHost.get(host);
    if (!headers) {
      headers = headersFor(host);
      if (byHost.size >= MAX_HOSTS) byHost.clear();
      byHost.set(host, headers);
    }
    reply.headers(headers);
    done();
  });
}
