import { beforeAll, describe, expect, it } from 'vitest';
import { measureMinimalWorker, type WorkerSize } from '../../../bench/workerSize';

/** Issue 13's budget for a user's worker bundle, Dexie left out. */
const BUDGET_GZIPPED_BYTES = 40_000;

describe("a user's minimal worker bundle (exposeStore and a small domain)", () => {
  let size: WorkerSize;
  beforeAll(async () => {
    size = await measureMinimalWorker();
  }, 60_000);

  it('is at most 40 kB gzipped, less Dexie', () => {
    expect(size.gzippedBytes).toBeLessThanOrEqual(BUDGET_GZIPPED_BYTES);
  });

  it('has no path to the mock server, MSW, or the whole of zod', () => {
    const heavy = size.modules.filter((name) =>
      /^(node_modules\/(msw|@mswjs|@bundled-es-modules|tough-cookie|tldts)|src\/(mocks|server)\/|node_modules\/zod\/v4\/classic\/)/.test(
        name,
      ),
    );
    expect(heavy).toEqual([]);
  });

  it('holds only the English messages of zod, which the reasons are written in', () => {
    const locales = size.modules.filter((name) => name.includes('zod/v4/locales/'));
    expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
  });
});
