import { existsSync, readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from './app-error';
import { sendProblem } from './problem.filter';

/** Paths that belong to the server, never to the web app: unknown ones stay problem+json 404s. */
const SERVER_PATHS = /^\/(api|socket\.io|metrics)(\/|\?|$)/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Web app not built</title></head>
<body><h1>The web app is not built</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>) and reload, or <code>npm run dev</code> for development.
The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>
`;

const acceptsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

/**
 * CSP `connect-src` entries for the web app's real-time channel: a WebSocket to the host the
 * page came from ('self' covers ws: only in newer browsers). Anything but a plain host[:port]
 * gives nothing, so a crafted Host header cannot add directives.
 */
export function sameHostWebSockets(request: IncomingMessage): string {
  const host = request.headers.host ?? '';
  return /^[\w.-]+(:\d{1,5})?$|^\[[\da-f:.]+\](:\d{1,5})?$/i.test(host) ? `ws://${host} wss://${host}` : '';
}

/**
 * Serves the built web app (apps/web/dist) at `/`: Vite's hashed bundles under /assets/ (any
 * name, so a rebuild while the server runs is served too) cached for a year; the other files at
 * the top of the build revalidated; and index.html for any other page a browser asks for, so
 * deep links such as /work-orders/123 load the app, which then routes on the client. Without a
 * build the server still runs and says how to build.
 */
export async function registerWebApp(fastify: FastifyInstance, webDistDir: string): Promise<void> {
  const built = existsSync(join(webDistDir, 'index.html'));
  const assetsDir = join(webDistDir, 'assets');
  if (built) {
    await fastify.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      index: false,
      cacheControl: false,
      // Also called for index.html and the top files sent below: only the hashed bundles are immutable.
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.startsWith(assetsDir + sep) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  const topFiles = new Set(
    built
      ? readdirSync(webDistDir, { withFileTypes: true })
          .filter((entry) => entry.isFile() && entry.name !== 'index.html')
          .map((entry) => entry.name)
      : [],
  );
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (topFiles.has(path.slice(1))) return reply.header('cache-control', 'no-cache').sendFile(path.slice(1), webDistDir);
    if (SERVER_PATHS.test(path) || !acceptsHtml(request)) {
      return sendProblem(reply, request, new AppError(ErrorCode.NotFound, 'No such route'));
    }
    reply.header('cache-control', 'no-cache');
    if (!built) return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return reply.type('text/html; charset=utf-8').sendFile('index.html', webDistDir);
  });
}
