import { describe, expect, it } from 'vitest';
import { SyncHttpError } from '../../../src/core/errors';
import type { SyncReport } from '../../../src/core/store';
import { openTabChannel } from '../../../worker/sync/tabChannel';

let channels = 0;
const report: SyncReport = { pushed: 2, pulled: 1, rebased: 0, rejected: [] };

describe('asking the syncing tab to sync', () => {
  it('answers with the report of the sync it ran', async () => {
    const name = `tabs-${++channels}`;
    const syncing = openTabChannel(name, { syncNow: async () => report });
    const asking = openTabChannel(name, { syncNow: () => undefined });

    expect(await asking.askToSync()).toEqual(report);
    syncing.close();
    asking.close();
  });

  it('answers with the error the sync failed with, as its own class', async () => {
    const name = `tabs-${++channels}`;
    const failure = new SyncHttpError({ status: 400, error: 'ValidationError', reason: 'bad' });
    const syncing = openTabChannel(name, {
      syncNow: () => Promise.reject(failure),
    });
    const asking = openTabChannel(name, { syncNow: () => undefined });

    const error = await asking.askToSync().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({ status: 400, error: 'ValidationError', reason: 'bad' });
    syncing.close();
    asking.close();
  });
});
