import { expect, it } from 'vitest';
import { connectLogbook } from '../../src/client/connectLogbook';
import { SyncHttpError } from '../../src/core/errors';
import type { testDomain } from '../../src/testing/conformance/testDomain';

it('a sync the server refuses rejects in the main thread with a SyncHttpError and its fields', async () => {
  const client = await connectLogbook<typeof testDomain>(
    new Worker(new URL('./refusingSync.worker.ts', import.meta.url), { type: 'module' }),
    { name: `refused-sync-${Date.now()}` },
  );
  await client.execute({ type: 'Increment', data: { counter: 'a', by: 1 } });

  const error = await client.syncNow().catch((thrown: unknown) => thrown);

  expect(error).toBeInstanceOf(SyncHttpError);
  expect(error).toMatchObject({
    status: 400,
    error: 'ValidationError',
    reason: 'Invalid after: must be a number',
    field: 'after',
  });
  expect((await client.syncSummary()).status).toMatchObject({ state: 'error', nextSyncAt: null });
  await client.close();
});
