import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';

/**
 * The package compiled to CommonJS in a temporary directory (sub-folders kept), loaded with
 * Node's own `require`. A worker thread runs JavaScript files, not the TypeScript the specs
 * import, so the worker spec uses this; SWC takes well under a second and needs no prior build.
 */
export function loadCompiledPackage<T>(): { compiled: T; remove(): void } {
  const source = join(__dirname, '..');
  const out = mkdtempSync(join(tmpdir(), 'msched-predict-'));
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'testing') visit(path);
        continue;
      }
      if (!name.endsWith('.ts') || name.endsWith('.spec.ts')) continue;
      const { code } = transformFileSync(path, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      const target = join(out, relative(source, path)).replace(/\.ts$/, '.js');
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, code);
    }
  };
  visit(source);
  return { compiled: createRequire(__filename)(join(out, 'index.js')) as T, remove: () => rmSync(out, { recursive: true, force: true }) };
}
