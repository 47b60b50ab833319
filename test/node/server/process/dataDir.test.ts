import { describe, expect, it } from 'vitest';
import { newDataDir, startServerProcess } from './serverProcess';

describe('the real server on embedded Postgres', () => {
  it('refuses to start on a data directory another running server holds, and takes over one a killed server left', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await newDataDir();
    const first = await startServerProcess({ LOGBOOK_DATA_DIR: dataDir });
    try {
      await expect(startServerProcess({ LOGBOOK_DATA_DIR: dataDir })).rejects.toThrow(
        /in use by another server \(process \d+\)/,
      );
    } finally {
      expect(await first.stop('SIGKILL')).toBeNull();
    }
    const next = await startServerProcess({ LOGBOOK_DATA_DIR: dataDir });
    expect((await fetch(`${next.url}/readyz`)).status).toBe(200);
    expect(await next.stop()).toBe(0);
  });
});
