import { vi } from 'vitest';

/** One request the app made, as the fake server saw it. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (request: SeenRequest) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const problem = (status: number, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: '/problems/x', title: 'Problem', status, detail: 'detail', instance: '/', code: 'x', ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/**
 * A handwritten stand-in for the API at the network boundary (global fetch): routes by method
 * and path (`:name` matches one segment), records every request, and answers 404 to anything
 * a test did not expect, so a wrong URL fails loudly.
 */
export function fakeApi() {
  const routes: { method: string; pattern: RegExp; handler: Handler }[] = [];
  const requests: SeenRequest[] = [];

  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const text = request.body ? await request.clone().text() : '';
    const seen: SeenRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(seen);
    const route = routes.find((candidate) => candidate.method === seen.method && candidate.pattern.test(seen.url.pathname));
    return route ? route.handler(seen) : problem(404, { detail: `no fake for ${seen.method} ${seen.url.pathname}` });
  });
  vi.stubGlobal('fetch', fetchStub);

  return {
    requests,
    on(method: string, path: string, handler: Handler) {
      const pattern = new RegExp(`^/api/v1${path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
      // Later definitions win, so a test can change an answer halfway.
      routes.unshift({ method, pattern, handler });
      return this;
    },
    /** The requests to one path (and method), oldest first. */
    calls(method: string, path: string) {
      return requests.filter((request) => request.method === method && request.url.pathname === `/api/v1${path}`);
    },
  };
}

export type FakeApi = ReturnType<typeof fakeApi>;
