import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/chromium.ts';

const port = 4173;

/**
 * End-to-end tests on the production build, served by `vite preview`, in Debian's Chromium; the
 * specs in `test/e2e/live/` start the real server process serving it themselves.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    serviceWorkers: 'allow',
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
