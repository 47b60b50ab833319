import { createTestStore, simulatedClock } from 'logbook/testing';
import { counterDomain } from '../../../quickstart/domain';

export async function example() {
  // A fresh database each call; needs `fake-indexeddb/auto` in the Vitest setup files on Node.
  const clock = simulatedClock(Date.UTC(2026, 0, 1));
  const store = await createTestStore(counterDomain, { clock });

  await store.execute({ type: 'Increment', data: { counter: 'a', by: 2 } });

  const view = await store.get('totals', 'a'); // { counter: 'a', value: 2 }
  const [event] = await store.readStream('counter-a');
  if (view?.value !== 2 || event?.metadata.recordedAt !== clock.now()) {
    throw new Error('the test store did not record the increment');
  }
  await store.close();
}
