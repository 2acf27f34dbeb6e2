import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the server so NestJS gets decorator metadata (esbuild does not emit it).
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['packages/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'apps/*/test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
