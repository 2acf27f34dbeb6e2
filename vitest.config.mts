import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        // SWC compiles the server so NestJS gets decorator metadata (esbuild does not emit it).
        plugins: [swc.vite({ module: { type: 'es6' } })],
        test: {
          name: 'server',
          include: ['packages/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'apps/*/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'apps/web/**'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The web app: React components in jsdom, with the app's own Vite config (aliases, JSX).
        extends: './apps/web/vite.config.ts',
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['apps/web/src/test/setup.ts'],
          pool: 'forks',
          execArgv: ['--require', './apps/web/src/test/node20-compat.cjs'],
          testTimeout: 20_000,
        },
      },
      {
        // Chromium against the built server with the demo plant (one server for all files, one file at a time).
        test: {
          name: 'browser',
          include: ['apps/web/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          globalSetup: ['apps/web/e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
