import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/core/events';
import { testDomain } from '../../src/testing/conformance/testDomain';
import { openStore } from '../../worker/store/openStore';
import { deviceMetadata } from '../eventMetadata';
import { fromServer, wholeLog } from './sync/replay';

/** The store's schema as version 3 left it: unsettled events as a table of positions. */
class Version3 extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(3).stores({
      events: '++position, &id, &[stream+version], type, serverPosition',
      commands: 'id, status',
      views: '[projection+key], *terms',
      projections: 'name',
      meta: 'key',
      unsettled: 'position',
      viewBases: '[projection+key]',
      snapshots: 'stream',
    });
  }
}

const event = (version: number, serverPosition: number | null, by: number) => ({
  id: `event-${version}`,
  stream: 'counter-a',
  version,
  type: 'Incremented',
  data: { counter: 'a', by },
  serverPosition,
  metadata: deviceMetadata(),
});

describe('upgrading a store from schema version 3', () => {
  it('keeps which events are pending, accepted or settled', async () => {
    const name = `upgrade-${Date.now()}`;
    const old = new Version3(name);
    // Settled, accepted by the server but not pulled back, and pending.
    await old.table('events').bulkAdd([event(1, 1, 1), event(2, 2, 2), event(3, null, 3)]);
    await old.table('unsettled').bulkAdd([{ position: 2 }, { position: 3 }]);
    old.close();

    const store = await openStore({ name, domain: testDomain });
    expect((await store.pendingEvents(10)).map((e) => e.id)).toEqual(['event-3']);
    expect((await store.syncSummary()).pending).toBe(1);
    const log = await wholeLog(store);
    expect(log.every((e) => !('sync' in e))).toBe(true);

    const raw = await new Dexie(name).open();
    const marks = async () => (await raw.table('events').toArray()).map((row) => row.sync);
    expect(await marks()).toEqual([undefined, 'accepted', 'pending']);

    // The accepted one settles when pulled back, without being stored twice.
    const accepted = log[1] as RecordedEvent;
    expect(await store.applyPulled(fromServer([accepted], 2), 2)).toMatchObject({ received: 0 });
    expect(await wholeLog(store)).toHaveLength(3);
    expect(await store.get('totals', 'a')).toEqual({ counter: 'a', value: 6 });
    expect(await marks()).toEqual([undefined, undefined, 'pending']);
    raw.close();
    await store.close();
  });
});
