import Dexie from 'dexie';
import { it } from 'vitest';
import { testDomain } from '../../test/conformance/testDomain';
import { fromServer } from '../../test/node/sync/replay';
import { openStore } from '../../worker/store/openStore';

it('dbg', async () => {
  Dexie.debug = true;
  const here = await openStore({ name: 'd1', domain: testDomain });
  const there = await openStore({ name: 'd2', domain: testDomain });
  const { events } = await there.execute({
    type: 'Increment',
    data: { counter: 'a', by: 5 },
  } as never);
  try {
    await here.applyPulled(fromServer(events, 1), 1);
  } catch (e) {
    console.log('ERR', (e as Error).stack);
  }
});
