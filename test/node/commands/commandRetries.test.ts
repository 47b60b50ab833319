import { describe, expect, it } from 'vitest';
import { defineDomain } from '../../../src/core/domain';
import { CommandConflictError } from '../../../src/core/errors';
import { openStore } from '../../../worker/store/openStore';
import { counter, testDomain } from '../../conformance/testDomain';
import { watchDecisions } from '../../decisionHook';

const watched = watchDecisions(counter);
const watchedDomain = defineDomain({ ...testDomain, aggregates: [watched.aggregate] });

describe('a command whose stream another tab keeps moving', () => {
  it('gives up once its time to retry is spent, with a CommandConflictError and nothing written', async () => {
    const name = `retries-${crypto.randomUUID()}`;
    const tab = await openStore({ name, domain: watchedDomain, commandRetryMs: 50 });
    const otherTab = await openStore({ name, domain: testDomain });
    // Every time the command has read the stream, the other tab appends before it can write.
    const moves: Promise<unknown>[] = [];
    watched.duringDecisions(() => {
      moves.push(
        otherTab.append('counter-a', [{ type: 'Incremented', data: { counter: 'a', by: 0 } }]),
      );
    });

    const failure = await tab
      .execute({ type: 'Increment', id: 'cmd-1', data: { counter: 'a', by: 1 } })
      .catch((error: unknown) => error);
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
    const { attempts, waitedMs } = failure as CommandConflictError;
    expect(attempts).toBeGreaterThan(1);
    expect(waitedMs).toBeGreaterThanOrEqual(50);
    const stream = await tab.readStream('counter-a');
    expect(stream).toHaveLength(moves.length);
    expect(stream.filter((event) => event.metadata.commandId !== null)).toEqual([]);

    // The same command once the other tab is quiet: decided and recorded at once.
    const retried = await tab.execute({
      type: 'Increment',
      id: 'cmd-1',
      data: { counter: 'a', by: 1 },
    });
    expect(retried).toMatchObject({ attempts: 1, events: [{ version: moves.length + 1 }] });
    await Promise.all([tab.close(), otherTab.close()]);
  });
});
