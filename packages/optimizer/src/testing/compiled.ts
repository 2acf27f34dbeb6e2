import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';

/**
 * The package compiled to CommonJS in a temporary directory, loaded with Node's own `require`.
 * A worker thread runs JavaScript files, not the TypeScript the specs import, so the worker
 * specs use this (SWC takes well under a second; no prior build needed). `remove()` deletes the
 * directory once no worker needs it.
 */
export function loadCompiledPackage<T>(): { compiled: T; remove(): void } {
  const source = join(__dirname, '..');
  const out = mkdtempSync(join(tmpdir(), 'msched-optimizer-'));
  for (const file of readdirSync(source)) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
    const { code } = transformFileSync(join(source, file), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), code);
  }
  return { compiled: createRequire(__filename)(join(out, 'index.js')) as T, remove: () => rmSync(out, { recursive: true, force: true }) };
}
