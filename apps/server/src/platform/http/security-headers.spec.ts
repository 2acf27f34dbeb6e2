import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS, sendSecurityHeaders } from './security-headers';

describe('sendSecurityHeaders', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = Fastify();
    sendSecurityHeaders(app);
    for (const url of ['/api/thing', '/page', '/api/docs/', '/metrics', '/api-page']) app.get(url, async () => ({ ok: true }));
    await app.ready();
  });
  afterEach(() => app.close());

  const get = (host: string, url = '/page') => app.inject({ method: 'GET', url, headers: { host } });
  const connectSrc = (csp: unknown) =>
    String(csp)
      .split(';')
      .find((directive) => directive.startsWith('connect-src'))
      ?.trim();

  it("sends a page helmet's headers with the WebSocket origins of the request's own host", async () => {
    const answer = await get('plant-7.example:3000');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ ok: true });
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(answer.headers['strict-transport-security']).toContain('max-age=');
    expect(connectSrc(answer.headers['content-security-policy'])).toBe(
      "connect-src 'self' ws://plant-7.example:3000 wss://plant-7.example:3000",
    );
    expect(answer.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('keeps hosts apart when it reuses what it worked out for one', async () => {
    for (let round = 0; round < 2; round++) {
      expect(connectSrc((await get('a.example')).headers['content-security-policy'])).toBe(
        "connect-src 'self' ws://a.example wss://a.example",
      );
      expect(connectSrc((await get('b.example:8080')).headers['content-security-policy'])).toBe(
        "connect-src 'self' ws://b.example:8080 wss://b.example:8080",
      );
    }
  });

  it('gives a Host that is not a plain host name no WebSocket origin, and stays correct past its memory of hosts', async () => {
    expect(connectSrc((await get('evil.example;script-src *')).headers['content-security-policy'])).toBe("connect-src 'self'");
    for (let index = 0; index < 100; index++) await get(`host-${index}.example`);
    expect(connectSrc((await get('host-3.example')).headers['content-security-policy'])).toBe(
      "connect-src 'self' ws://host-3.example wss://host-3.example",
    );
  });

  it.each(['/api/thing', '/api/thing?x=1', '/metrics'])('answers %s with the API set alone, whatever the host', async (url) => {
    const answer = await get('plant-7.example:3000', url);
    expect(answer.statusCode).toBe(200);
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(answer.headers[name]).toBe(value);
    for (const name of [
      'x-xss-protection',
      'x-dns-prefetch-control',
      'x-download-options',
      'origin-agent-cluster',
      'cross-origin-opener-policy',
    ])
      expect(answer.headers[name]).toBeUndefined();
  });

  it.each(['/api/docs/', '/api-page'])('treats %s as a page: the full set', async (url) => {
    const answer = await get('plant-7.example:3000', url);
    expect(answer.headers['x-dns-prefetch-control']).toBe('off');
    expect(connectSrc(answer.headers['content-security-policy'])).toBe(
      "connect-src 'self' ws://plant-7.example:3000 wss://plant-7.example:3000",
    );
  });
});
