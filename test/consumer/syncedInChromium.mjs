// Opens the fresh project's production build (synced.html) in Chromium: its worker syncs a task
// with the MSW mock server that runs inside that worker. MSW throws as it loads in a worker unless
// the mock's localStorage stand-in is there first, so a push taken proves the order holds in a
// bundle built from the tarball. Run by run.mjs with tsx (for ../chromium.ts): tsx <this> <app>
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.ts';
import { viteOf } from './bundleSize.mjs';

const app = process.argv[2];
const vite = await viteOf(app);
const preview = await vite.preview({ root: app, logLevel: 'warn', preview: { port: 0 } });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('worker', (worker) => worker.on('console', (message) => errors.push(message.text())));
  await page.goto(new URL('synced.html', preview.resolvedUrls.local[0]).href);
  await page.waitForFunction(() => document.getElementById('report')?.textContent, null, {
    timeout: 30_000,
  });
  const report = JSON.parse(await page.locator('#report').textContent());
  if (report.pushed !== 1) {
    throw new Error(`The worker's sync with its mock server: ${JSON.stringify(report)} ${errors}`);
  }
  console.log(`The worker's mock server took its push: ${JSON.stringify(report)}`);
} finally {
  await browser.close();
  await preview.close();
}
