import { describe, expect, it } from 'vitest';
import type { ExpectedVersion } from '../../../src/core/expectedVersion';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import { LogbookDatabase } from '../../../worker/db/database';
import { appendStreams } from '../../../worker/log/appendStreams';
import { openStore } from '../../../worker/store/openStore';

const incremented = (counter: string) => ({ type: 'Incremented', data: { counter, by: 1 } });
const context = { clientId: 'device', commandId: null, now: 1 };

/** A log where another writer put `counter-x` at version 2, and a write of two streams at once. */
async function writeBeside(taken: ExpectedVersion) {
  const name = `lost-race-${crypto.randomUUID()}`;
  const other = await openStore({ name, domain: testDomain });
  await other.append('counter-x', [incremented('x'), incremented('x')]);
  await other.close();
  const db = new LogbookDatabase(name);
  let onAbort = () => {};
  const aborted = new Promise<void>((done) => {
    onAbort = done;
  });
  // An async scope, as the store's own writes are: Dexie keeps the transaction across its awaits.
  const attempt = db.transaction('rw', db.events, async (transaction) => {
    transaction.idbtrans.addEventListener('abort', () => onAbort());
    return await appendStreams(
      db,
      [
        { stream: 'counter-y', expectedVersion: 'no_stream', events: [incremented('y')] },
        { stream: 'counter-x', expectedVersion: taken, events: [incremented('x')] },
      ],
      context,
    );
  });
  return { db, attempt, aborted };
}

describe('a write that lost a race on one of its streams', () => {
  // Each case writes its stream beside one it starts: the rows of that one go in before the
  // write fails, and must not be taken for another writer's.
  it.each([
    ['taken as new', 'no_stream' as const],
    ['taken at a version it went on past', 1],
  ])('names the stream another writer moved, %s, at its real version', async (_, taken) => {
    const { db, attempt, aborted } = await writeBeside(taken);
    await expect(attempt).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      stream: 'counter-x',
      expected: taken,
      actual: 2,
    });
    await aborted;
    const log = await db.events.toArray();
    expect(log.map((event) => [event.stream, event.version])).toEqual([
      ['counter-x', 1],
      ['counter-x', 2],
    ]);
    db.close();
  });
});
