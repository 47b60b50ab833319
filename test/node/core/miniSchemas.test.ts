import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod/mini';
import { defineAggregate } from '../../../src/core/decider';
import { defineDomain } from '../../../src/core/domain';
import { ValidationError } from '../../../src/core/errors';
import { openAccess } from '../../../src/server/app/auth';
import { createSyncApp } from '../../../src/server/app/createSyncApp';
import { memoryStorage } from '../../../src/server/memoryStorage';
import { syncServerOptionsOf } from '../../../src/server/syncServer';
import { openStore } from '../../../worker/store/openStore';

/**
 * A domain written with `zod/mini` only, as a user keeping a small worker would: no module of this
 * file loads whole `zod`, so zod has no locale configured (whole zod would install English).
 */
type TallyEvent = { type: 'Counted'; data: { tally: string; by: number } };

const tally = defineAggregate({
  name: 'tally',
  commands: { Count: z.object({ tally: z.string(), by: z.number().check(z.int()) }) },
  events: { Counted: z.object({ tally: z.string(), by: z.number().check(z.int()) }) },
  streamOf: (command) => `tally-${command.data.tally}`,
  initialState: () => 0,
  evolve: (total, event: TallyEvent) => total + event.data.by,
  decide: (command): TallyEvent[] => [{ type: 'Counted', data: command.data }],
});
const domain = defineDomain({ aggregates: [tally], projections: [] });

let storeCount = 0;
const open = () => openStore({ name: `mini-schemas-${++storeCount}`, domain });

async function rejection(work: Promise<unknown>): Promise<ValidationError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('a domain whose schemas come from zod/mini', () => {
  afterEach(() => {
    z.config({ localeError: undefined });
  });

  it('runs with no zod locale installed by the library', () => {
    expect(z.config().localeError).toBeUndefined();
  });

  it('decides commands whose data its schemas accept, and records the events', async () => {
    const store = await open();
    await store.execute({ type: 'Count', id: 'c-1', data: { tally: 'a', by: 2 } });
    expect((await store.readStream('tally-a')).map((event) => event.data)).toEqual([
      { tally: 'a', by: 2 },
    ]);
    await store.close();
  });

  it("refuses a command's bad data naming the field, in zod's English words", async () => {
    const store = await open();
    const error = await rejection(
      store.execute({ type: 'Count', data: { tally: 'a', by: 'x' as never } }),
    );
    expect({ field: error.field, reason: error.reason }).toEqual({
      field: 'data.by',
      reason: 'Invalid input: expected number, received string',
    });
    expect(await store.readStream('tally-a')).toEqual([]);
    await store.close();
  });

  it("refuses an appended event its schema does not accept, and the library's own options, in English", async () => {
    const store = await open();
    const bad = await rejection(
      store.append('tally-a', [{ type: 'Counted', data: { tally: 'a', by: 1.5 } }]),
    );
    expect({ field: bad.field, reason: bad.reason }).toEqual({
      field: 'events[0].data.by',
      reason: 'Invalid input: expected int, received number',
    });
    const option = await rejection(store.readStream('tally-a', { limit: 0 }));
    expect({ field: option.field, reason: option.reason }).toEqual({
      field: 'limit',
      reason: 'Too small: expected number to be >=1',
    });
    await store.close();
  });

  it("keeps the app's own zod locale when it configured one", async () => {
    z.config(z.locales.fr());
    const store = await open();
    const error = await rejection(
      store.execute({ type: 'Count', data: { tally: 'a', by: 'x' as never } }),
    );
    expect(error.reason).toBe('Entrée invalide : nombre attendu, chaîne de caractères reçu');
    await store.close();
  });

  it("lets the sync server refuse a pushed event the domain's mini schema does not accept", async () => {
    const server = createSyncApp({
      storage: memoryStorage(),
      auth: openAccess(),
      ...syncServerOptionsOf(domain),
    });
    const metadata = {
      recordedAt: 1,
      clientId: 'device-1',
      commandId: null,
      correlationId: null,
      causationId: null,
      schemaVersion: 1,
    };
    const response = await server.fetch(
      new Request('http://sync.test/api/sync/push', {
        method: 'POST',
        body: JSON.stringify({
          scope: 'default',
          clientId: 'device-1',
          streams: [
            {
              stream: 'tally-a',
              baseVersion: 0,
              events: [{ id: 'e-1', type: 'Counted', data: { tally: 'a', by: 'x' }, metadata }],
            },
          ],
        }),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [
        {
          stream: 'tally-a',
          status: 'refused',
          events: [
            {
              id: 'e-1',
              error: 'ValidationError',
              reason: 'Invalid input: expected number, received string',
              field: 'streams[0].events[0].data.by',
            },
          ],
        },
      ],
    });
  });
});
