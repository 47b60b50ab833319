import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { CommandConflictError } from '../../../src/core/errors';
import { counter, testDomain } from '../../../src/testing/conformance/testDomain';
import { openStore } from '../../../worker/store/openStore';
import { watchDecisions } from '../../decisionHook';

const watched = watchDecisions(counter);
const watchedDomain = defineDomain({ ...testDomain, aggregates: [watched.aggregate] });
const increment = { type: 'Increment', id: 'cmd-1', data: { counter: 'a', by: 1 } } as const;

/**
 * Two tabs on one database; each time the first has decided, while `moving()` holds, the other
 * appends to the stream before the decision can be written.
 */
async function tabsWhereAnotherMovesTheStream(moving: () => boolean, commandRetryMs?: number) {
  const name = `retries-${crypto.randomUUID()}`;
  const tab = await openStore({ name, domain: watchedDomain, commandRetryMs });
  const otherTab = await openStore({ name, domain: testDomain });
  const moves: Promise<unknown>[] = [];
  watched.duringDecisions(() => {
    if (!moving()) return;
    moves.push(
      otherTab.append('counter-a', [{ type: 'Incremented', data: { counter: 'a', by: 0 } }]),
    );
  });
  const close = async () => {
    watched.duringDecisions(undefined);
    await Promise.all([...moves, tab.close(), otherTab.close()]);
  };
  return { tab, moves, close };
}

describe('a command whose stream another tab keeps moving', () => {
  it('decides again as often as it takes while its time lasts, not a fixed number of times', async () => {
    const { tab, moves, close } = await tabsWhereAnotherMovesTheStream(() => moves.length < 15);

    const result = await tab.execute(increment);

    expect(moves).toHaveLength(15);
    expect(result).toMatchObject({ attempts: 16, events: [{ version: 16 }] });
    await close();
  });

  it('gives up once its time to retry is spent, with a CommandConflictError and nothing written', async () => {
    const { tab, moves, close } = await tabsWhereAnotherMovesTheStream(() => true, 50);

    const failure = await tab.execute(increment).catch((error: unknown) => error);
    watched.duringDecisions(undefined);
    await Promise.all(moves);

    expect(failure).toBeInstanceOf(CommandConflictError);
    expect(failure).toMatchObject({
      commandType: 'Increment',
      commandId: 'cmd-1',
      stream: 'counter-a',
      attempts: moves.length,
      message: expect.stringContaining('Please try again'),
    });
    expect((failure as CommandConflictError).waitedMs).toBeGreaterThanOrEqual(50);
    const stream = await tab.readStream('counter-a');
    expect(stream).toHaveLength(moves.length);
    expect(stream.filter((event) => event.metadata.commandId !== null)).toEqual([]);

    // The same command once the other tab is quiet: decided and recorded at once.
    const retried = await tab.execute(increment);
    expect(retried).toMatchObject({ attempts: 1, events: [{ version: moves.length + 1 }] });
    await close();
  });
});
