import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAggregate } from '../../../src/core/decider';
import { defineDomain } from '../../../src/core/domain';
import { CommandRejectedError } from '../../../src/core/errors';
import { openStore } from '../../../worker/store/openStore';
import { eventReads } from '../tableReads';

type TaskEvent =
  | { type: 'TaskCreated'; data: { id: string; title: string } }
  | { type: 'TaskNoted'; data: { id: string; note: string } };

/** Tasks made by a create naming a new id, which the aggregate says starts the task's stream. */
const task = defineAggregate({
  name: 'task',
  commands: {
    Create: z.object({ id: z.string(), title: z.string() }),
    Note: z.object({ id: z.string(), note: z.string() }),
    Rename: z.object({ id: z.string(), title: z.string() }),
  },
  startsStream: ['Create', 'Note'],
  streamOf: (command) => `task-${command.data.id}`,
  initialState: () => ({ exists: false }),
  evolve: (_state, _event: TaskEvent) => ({ exists: true }),
  decide: (command, state): TaskEvent[] => {
    if (command.type === 'Note') return [{ type: 'TaskNoted', data: command.data }];
    if (command.type === 'Create' && state.exists) {
      throw new CommandRejectedError({ reason: `Task ${command.data.id} exists already` });
    }
    if (command.type === 'Rename' && !state.exists) {
      throw new CommandRejectedError({ reason: `No task ${command.data.id}` });
    }
    return [{ type: 'TaskCreated', data: command.data }];
  },
});
const tasks = defineDomain({ aggregates: [task], projections: [] });

let databases = 0;
const open = (name = `starts-stream-${++databases}`) =>
  openStore({ name, domain: tasks, commandRetryMs: 1_000 });
const create = (id: string) => ({ type: 'Create', data: { id, title: id } }) as const;

describe('a command that starts its stream', () => {
  const reads = eventReads();
  beforeEach(reads.install);
  afterEach(reads.uninstall);

  it('is decided on the initial state, reading nothing of the log, and written at version 1', async () => {
    const store = await open();
    reads.take();

    const result = await store.execute(create('x'));

    expect(reads.take().requests).toBe(0);
    expect(result).toMatchObject({ attempts: 1, events: [{ stream: 'task-x', version: 1 }] });
    // The state kept from the write, not a guess, decides the next one.
    await expect(store.execute(create('x'))).rejects.toMatchObject({
      name: 'CommandRejectedError',
      reason: 'Task x exists already',
    });
    await store.close();
  });

  it('that finds its stream started elsewhere is decided again on that stream', async () => {
    const name = `starts-stream-shared-${++databases}`;
    const [tab1, tab2] = [await open(name), await open(name)];
    await tab1.execute(create('x'));

    await expect(tab2.execute(create('x'))).rejects.toMatchObject({
      name: 'CommandRejectedError',
      reason: 'Task x exists already',
    });
    const noted = await tab2.execute({ type: 'Note', data: { id: 'x', note: 'late' } });

    expect(noted).toMatchObject({ events: [{ type: 'TaskNoted', version: 2 }] });
    expect((await tab1.readStream('task-x')).map((event) => event.type)).toEqual([
      'TaskCreated',
      'TaskNoted',
    ]);
    await Promise.all([tab1.close(), tab2.close()]);
  });

  it('shares a group with a command that reads the stream, deciding on what was read', async () => {
    const store = await open();
    const [created, renamed] = await Promise.all([
      store.execute(create('y')),
      store.execute({ type: 'Rename', data: { id: 'y', title: 'why' } }),
    ]);
    expect([created, renamed].map((result) => result.events.map((event) => event.version))).toEqual(
      [[1], [2]],
    );
    await store.close();
  });
});
