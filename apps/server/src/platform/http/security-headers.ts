import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { sameHostWebSockets } from './web-app';

/** Distinct Host headers whose header set is kept; the Host header is the client's to choose. */
const MAX_HOSTS = 64;

/**
 * What an API answer (JSON, problem+json, metrics: never a page a browser renders) carries, as
 * the OWASP REST Security cheat sheet lists it: no content may load or frame it, no MIME sniffing,
 * HTTPS only, no referrer, no cross-origin embedding. The headers that only shape how a browser
 * treats an HTML document (X-XSS-Protection, X-DNS-Prefetch-Control, X-Download-Options,
 * Origin-Agent-Cluster, Cross-Origin-Opener-Policy, X-Permitted-Cross-Domain-Policies) would be
 * 300 bytes on every answer, a phone's included, that nothing reads.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
});

/** Answers of the API, not pages: everything under /api/ but the interactive docs, and /metrics. */
const isApiAnswer = (url: string) =>
  (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url === '/metrics' || url.startsWith('/metrics?');

/**
 * Security headers on every answer: the API's own set on API answers (above); on the web app,
 * the docs and static files, helmet's defaults with our Content-Security-Policy for the web app.
 * Helmet's headers depend on the request only through its Host (the WebSocket origins the page may
 * connect to), so they are worked out once per Host and copied onto each answer. Running helmet's
 * middleware chain for every request, header by header, was a measurable share of a cached
 * answer's cost.
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
    if (isApiAnswer(request.url)) {
      reply.headers(API_SECURITY_HEADERS);
      return done();
    }
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
