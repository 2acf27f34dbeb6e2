import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startServer } from '../support/server';

const INDEX_HTML =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-Ab12Cd34.js"></script></body></html>';

/** A stand-in for apps/web/dist (the server tests do not build the web app): the same shape. */
function fixtureDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msched-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("maintenance scheduler");\n');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

const page = (baseUrl: string, path: string) =>
  fetch(`${baseUrl}${path}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

describe('the web app served by the API server', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = fixtureDist();
    server = await startServer({ WEB_DIST_DIR: dist });
  });
  afterAll(async () => {
    await server.close().catch(() => undefined);
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers index.html at / and at deep links, revalidated on every load', async () => {
    for (const path of ['/', '/work-orders/123', '/work-orders?status=OPEN&page=2', '/notifications']) {
      const response = await page(server.baseUrl, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toBe(INDEX_HTML);
    }
  });

  it('serves hashed assets for a year and other files revalidated', async () => {
    const asset = await fetch(`${server.baseUrl}/assets/index-Ab12Cd34.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toContain('maintenance scheduler');

    // A rebuild while the server runs adds new hashed files: they are served too.
    writeFileSync(join(dist, 'assets', 'index-Ef56Gh78.js'), 'console.log("rebuilt");\n');
    const rebuilt = await fetch(`${server.baseUrl}/assets/index-Ef56Gh78.js`);
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const icon = await fetch(`${server.baseUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps unknown API paths, missing files and non-HTML requests as problem+json 404s', async () => {
    for (const [path, accept] of [
      ['/api/v1/nothing-here', 'text/html'],
      ['/api/v1/nothing-here', 'application/json'],
      ['/socket.io-not/x', 'application/json'],
      ['/assets/missing-1234.js', '*/*'],
      ['/work-orders/123', 'application/json'],
    ]) {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { accept: accept! } });
      expect(response.status, `${path} (${accept})`).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/problem+json');
      expect(await response.json(), path).toMatchObject({ status: 404, code: 'not_found' });
    }
  });

  it('leaves the API, its docs and the metrics where they were', async () => {
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(200);
    const docs = await page(server.baseUrl, '/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('offers no demo logins on a server whose database has no demo organization', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/auth/demo-logins`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ password: null, accounts: [] });
  });

  it('allows what the app needs in its Content-Security-Policy and nothing from elsewhere', async () => {
    const csp = (await page(server.baseUrl, '/')).headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').find((entry) => entry.trim().startsWith(`${name} `)) ?? '';
    const host = new URL(server.baseUrl).host;
    expect(directive('script-src')).toBe("script-src 'self'");
    // Emotion (MUI) injects <style> elements; the real-time channel is a WebSocket to this host.
    expect(directive('style-src')).toContain("'unsafe-inline'");
    expect(directive('connect-src')).toBe(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).not.toMatch(/\*/);
    // Phones on the plant network open the app over plain HTTP: its scripts must not be sent to https://.
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});

describe('the API server without a built web app', () => {
  let server: TestServer;
  let empty: string;

  beforeAll(async () => {
    empty = mkdtempSync(join(tmpdir(), 'msched-no-web-'));
    server = await startServer({ WEB_DIST_DIR: empty });
  });
  afterAll(async () => {
    await server.close().catch(() => undefined);
    rmSync(empty, { recursive: true, force: true });
  });

  it('starts, answers the API, and tells a browser at / how to build the app', async () => {
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    const home = await page(server.baseUrl, '/');
    expect(home.status).toBe(404);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(await home.text()).toContain('npm run build');
    const api = await fetch(`${server.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
