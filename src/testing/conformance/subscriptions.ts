import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../core/events';
import { freshName, increment, type StoreFactory } from './factory';

/** Resolves once `received` holds `count` items, checking whenever the test pokes it. */
async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for events');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function subscriptionFeatures(factory: StoreFactory) {
  describe('subscriptions', () => {
    it('catches up after a position, then delivers new events live, in order, once', async () => {
      const name = freshName();
      const [store, otherWriter] = await Promise.all([factory.open(name), factory.open(name)]);
      await store.append('counter-a', [increment('a', 1), increment('a', 2), increment('a', 3)]);
      const received: RecordedEvent[] = [];
      const unsubscribe = store.subscribe((event) => void received.push(event), { after: 1 });
      await waitFor(() => received.length === 2);
      await store.append('counter-b', [increment('b', 4)]);
      await otherWriter.append('counter-a', [increment('a', 5)]);
      await waitFor(() => received.length === 4);
      expect(received.map((event) => event.data)).toEqual(
        [2, 3, 4, 5].map((by) => expect.objectContaining({ by })),
      );
      expect(received.map((event) => event.position)).toEqual([2, 3, 4, 5]);

      unsubscribe();
      await store.append('counter-a', [increment('a', 6)]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toHaveLength(4);
      await Promise.all([store.close(), otherWriter.close()]);
    });
  });
}
