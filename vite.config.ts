import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { packageAliases } from './scripts/packageEntries.ts';
import { chromiumLaunchOptions } from './test/chromium.ts';

export default defineConfig({
  // The demo and the tests import Logbook by name, as an app does: `logbook/react` is its source.
  resolve: { alias: packageAliases() },
  plugins: [
    react(),
    // Precaches the built app (the worker's chunk included) so its shell loads with no network.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'auto',
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Logbook Shop',
        short_name: 'Logbook',
        description: 'An offline-first shop on the Logbook event store',
        theme_color: '#1f3a5f',
        background_color: '#f5f1e8',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  // Pre-bundled up front: discovering them mid-run makes Vitest's browser page reload.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      'vitest-browser-react',
      'comlink',
      'dexie',
      'uuid',
      'zod',
      'dequal',
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
          // Property tests and rebuilds run hundreds of transactions on fake IndexedDB: on 2 busy
          // cores (the browser suite runs alongside) they need more than the default 5 s. A limit
          // for a hung test, not a speed check: speed is measured in the benchmarks.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          // As for the node tests: a limit for a hung test on busy cores, not a speed check.
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
