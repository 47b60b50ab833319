import { describe, expect, it } from 'vitest';
import {
  coalescedHeadSender,
  headPayload,
  headWatchers,
  parseHeadPayload,
} from '../../../../src/server/sql/headNotices';

/** A send whose calls stay pending until the test lets them through, one by one. */
function heldSend() {
  const sent: [string, number][] = [];
  const pending: (() => void)[] = [];
  return {
    sent,
    send: (scope: string, head: number) =>
      new Promise<void>((resolve) => {
        sent.push([scope, head]);
        pending.push(resolve);
      }),
    releaseOne: async () => {
      pending.shift()?.();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe('head notices', () => {
  it('sends at most one notice per scope at a time; the latest head waiting behind it wins', async () => {
    const held = heldSend();
    const sender = coalescedHeadSender(held.send);
    sender.announce('a', 1);
    sender.announce('b', 1);
    for (const head of [2, 3, 4]) sender.announce('a', head);
    // A commit of a scope's head 4 may be announced before 3's, from another connection.
    sender.announce('a', 3);
    expect(held.sent).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    await held.releaseOne();
    expect(held.sent.at(-1)).toEqual(['a', 4]);
    await held.releaseOne();
    await held.releaseOne();
    const flushed = sender.flushed();
    await expect(flushed).resolves.toBeUndefined();
    expect(held.sent).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 4],
    ]);
  });

  it('goes on after a notice that failed', async () => {
    const sent: number[] = [];
    const sender = coalescedHeadSender(async (_scope, head) => {
      sent.push(head);
      if (head === 1) throw new Error('the database is gone');
    });
    sender.announce('a', 1);
    sender.announce('a', 2);
    await sender.flushed();
    sender.announce('a', 3);
    await sender.flushed();
    expect(sent).toEqual([1, 2, 3]);
  });

  it('passes each scope’s heads on to watchers in order only, dropping one that arrives late', () => {
    const watchers = headWatchers();
    const seen: [string, number][] = [];
    watchers.add((scope, head) => seen.push([scope, head]));
    for (const [scope, head] of [
      ['a', 2],
      ['a', 1],
      ['b', 1],
      ['a', 2],
      ['a', 5],
    ] as const) {
      watchers.deliver(scope, head);
    }
    expect(seen).toEqual([
      ['a', 2],
      ['b', 1],
      ['a', 5],
    ]);
  });

  it('reads back the payload it writes, and nothing from a foreign one', () => {
    expect(parseHeadPayload(headPayload('shop-1:x.y', 42))).toEqual({
      scope: 'shop-1:x.y',
      head: 42,
    });
    expect(parseHeadPayload('nonsense')).toBeNull();
    expect(parseHeadPayload('a b')).toBeNull();
  });
});
