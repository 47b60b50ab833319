import { afterEach, describe, expect, it } from 'vitest';
import type { PushRequest } from '../../../../src/core/syncProtocol';
import { postgresStorage } from '../../../../src/server/sql/postgres';
import type { SyncStorage } from '../../../../src/server/syncStorage';
import { fresh } from '../../../../src/testing/conformance/syncStorage/fixtures';
import { serverOn } from '../serverOn';
import { push, wireEvent } from '../wire';
import { serverUrl, testDatabase } from './testDatabase';

/**
 * The storages, each push's first append held until every one has reached its own: all pushes
 * have planned on the same state (the stream or id not stored yet) before any stores.
 */
function plannedTogether(storages: readonly SyncStorage[]): SyncStorage[] {
  let arrived = 0;
  let meet = () => {};
  const met = new Promise<void>((resolve) => {
    meet = resolve;
  });
  return storages.map((storage) => ({
    ...storage,
    exclusive: (scope, work) =>
      storage.exclusive(scope, (tx) =>
        work({
          ...tx,
          async append(events) {
            arrived += 1;
            if (arrived === storages.length) meet();
            await met;
            return tx.append(events);
          },
        }),
      ),
  }));
}

const into = (scope: string, ...streams: PushRequest['streams']) => ({
  ...push(...streams),
  scope,
});

describe.skipIf(!serverUrl)('concurrent first pushes into two scopes on Postgres', () => {
  const database = testDatabase();
  const opened: SyncStorage[] = [];
  afterEach(() => Promise.all(opened.splice(0).map((storage) => storage.close())));
  /** Two servers, each on an instance of its own, over one database. */
  const twoServers = async () => {
    const instances = await Promise.all([1, 2].map(() => postgresStorage({ url: database.url() })));
    opened.push(...instances);
    return plannedTogether(instances).map((storage) => serverOn(storage));
  };

  it('of one new stream: one push stores it, the other’s batch is refused as another scope’s', async () => {
    const [one, two] = await twoServers();
    const stream = fresh('stream');
    const [x, y] = [fresh('scope'), fresh('scope')];
    const answers = await Promise.all([
      one?.push(into(x, { stream, baseVersion: 0, events: [wireEvent()] })),
      two?.push(into(y, { stream, baseVersion: 0, events: [wireEvent()] })),
    ]);
    expect(answers.map((answer) => answer?.results[0]?.status).sort()).toEqual([
      'accepted',
      'refused',
    ]);
    const refused = answers.find((answer) => answer?.results[0]?.status === 'refused');
    expect(refused?.results[0]).toMatchObject({
      events: [{ field: 'streams[0].stream', reason: expect.stringContaining('another scope') }],
    });
  });

  it('of one event id: one push stores it, the other is refused as a stored id elsewhere', async () => {
    const [one, two] = await twoServers();
    const event = wireEvent();
    const [x, y] = [fresh('scope'), fresh('scope')];
    const answers = await Promise.allSettled([
      one?.push(into(x, { stream: fresh('stream'), baseVersion: 0, events: [event] })),
      two?.push(into(y, { stream: fresh('stream'), baseVersion: 0, events: [event] })),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = answers.find((answer) => answer.status === 'rejected');
    expect(failed?.reason).toMatchObject({
      name: 'ValidationError',
      field: 'streams[0].events[0].id',
    });
  });
});
