import { isLogbookError } from 'logbook';
import { deciderSpec } from 'logbook/testing';
import { openStore } from 'logbook/worker';
import { describe, expect, it } from 'vitest';
import { task, tasksDomain } from './tasks';

const added = { type: 'TaskAdded', data: { task: 't1', title: 'Buy milk' } } as const;

describe('a task', () => {
  it('is added, then finished once', () => {
    deciderSpec(task)
      .given([])
      .when({ type: 'AddTask', data: { task: 't1', title: 'Buy milk' } })
      .then([added]);
    deciderSpec(task)
      .given([added])
      .when({ type: 'FinishTask', data: { task: 't1' } })
      .then([{ type: 'TaskFinished', data: { task: 't1' } }]);
    deciderSpec(task)
      .given([added, { type: 'TaskFinished', data: { task: 't1' } }])
      .when({ type: 'FinishTask', data: { task: 't1' } })
      .thenRejects('finished already');
  });

  it('is stored and listed while open, on fake IndexedDB', async () => {
    const store = await openStore({ name: 'tasks-test', domain: tasksDomain });
    await store.execute({ type: 'AddTask', data: { task: 't1', title: 'Buy milk' } });
    await store.execute({ type: 'AddTask', data: { task: 't2', title: 'Call Ann' } });
    await store.execute({ type: 'FinishTask', data: { task: 't1' } });

    expect(await store.get('tasks', 't1')).toEqual({
      task: 't1',
      title: 'Buy milk',
      finished: true,
    });
    expect(await store.list('tasks', { index: 'open' })).toEqual([
      { task: 't2', title: 'Call Ann', finished: false },
    ]);
    const refused = await store
      .execute({ type: 'AddTask', data: { task: 't3', title: '' } })
      .catch((error: unknown) => error);
    expect(isLogbookError(refused, 'ValidationError') && refused.field).toBe('data.title');
    expect(await store.readStream('task-t3')).toEqual([]);
    await store.close();
  });
});
