import { rm } from 'node:fs/promises';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { openDevice, sync } from '../shopPage';
import { createEmptyDataDir, type LiveServer, startLiveServer } from './liveServer';

/**
 * How long an edit may take to reach another device for it to count as live: well within the
 * 30 s poll a device falls back to, so an edit shown by then came over the live stream. A limit,
 * not a speed check (busy cores).
 */
export const LIVE = { timeout: 5_000 };

/** Each step is captured at both sizes. */
const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export interface LiveDevices {
  /**
   * A device of its own (a browser context: its own storage, as another computer or phone) with
   * the app from the server, `person` signed in, synced once. `search` adds URL parameters.
   */
  open(device: string, person: string, search?: Record<string, string>): Promise<Page>;
  /** Every open device's page at desktop and phone sizes, saved in the test's output dir. */
  capture(name: string): Promise<void>;
}

/**
 * Playwright's test with `server`, the real server process (fresh data, free port, stopped after
 * the test), and `devices` on it (their browser contexts closed after the test). The empty
 * database the servers copy is made once per Playwright worker.
 */
export const test = base.extend<
  { server: LiveServer; devices: LiveDevices },
  { emptyDataDir: string }
>({
  emptyDataDir: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's needs from its first argument.
    async ({}, use) => {
      const dataDir = await createEmptyDataDir();
      await use(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  server: async ({ emptyDataDir }, use) => {
    const server = await startLiveServer(emptyDataDir);
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
  devices: async ({ browser, server }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    const pages = new Map<string, Page>();
    let steps = 0;
    await use({
      async open(device, person, search = {}) {
        const context = await browser.newContext({ baseURL: server.url, viewport: SIZES.desktop });
        contexts.push(context);
        const page = await context.newPage();
        await openDevice(page, device, person, search);
        // The app found the real server (on the mock it would say "Server in this browser").
        await expect(sync(page).getByTestId('sync-state')).toHaveText('Online', {
          timeout: 15_000,
        });
        pages.set(device, page);
        return page;
      },
      async capture(name) {
        steps += 1;
        const step = `${String(steps).padStart(2, '0')}-${name.replaceAll(/\W+/g, '-')}`;
        for (const [device, page] of pages) {
          for (const [size, viewport] of Object.entries(SIZES)) {
            await page.setViewportSize(viewport);
            const path = testInfo.outputPath(`${step}-${device}-${size}.png`);
            await page.screenshot({ path, fullPage: true });
          }
          await page.setViewportSize(SIZES.desktop);
        }
      },
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
