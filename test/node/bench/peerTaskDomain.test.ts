import { createTestStore } from 'logbook/testing';
import { describe, expect, it } from 'vitest';
import { tasksFor } from '../../../bench/peers/harness/workloads';
import { taskDomain } from '../../../bench/peers/logbook/taskDomain';

describe("the peer benchmark's task domain for Logbook", () => {
  it('lists a list’s tasks by index, whether created one by one or by one import command', async () => {
    const store = await createTestStore(taskDomain);
    const [first, ...rest] = tasksFor('t', 5, 2);
    await store.execute({ type: 'Create', data: first as (typeof rest)[number] });
    const imported = await store.execute({
      type: 'Import',
      data: { importId: 'import-1', tasks: rest },
    });

    expect(imported.events.map((event) => event.stream)).toEqual(
      rest.map(() => 'taskImport-import-1'),
    );
    const inList0 = await store.list('tasks', { index: 'list', equals: 't-list-0' });
    expect(inList0.map((task) => task.id).sort()).toEqual(['t-0', 't-2', 't-4']);
  });

  it('renames, completes and moves a task wherever it was created', async () => {
    const store = await createTestStore(taskDomain);
    await store.execute({
      type: 'Import',
      data: { importId: 'import-1', tasks: tasksFor('t', 2) },
    });
    await store.execute({ type: 'Rename', data: { id: 't-0', title: 'Renamed' } });
    await store.execute({ type: 'Complete', data: { id: 't-0' } });
    await store.execute({ type: 'Move', data: { id: 't-0', listId: 'other', rank: 0.5 } });

    expect(await store.get('tasks', 't-0')).toEqual({
      id: 't-0',
      listId: 'other',
      title: 'Renamed',
      done: true,
      rank: 0.5,
    });
    expect(await store.list('tasks', { index: 'list', equals: 't-list-0' })).toHaveLength(1);
  });

  it('records nothing of an import with a malformed task: all or none', async () => {
    const store = await createTestStore(taskDomain);
    const tasks = [...tasksFor('t', 2), { id: 't-bad', listId: 'x', title: 3 }];
    await expect(
      // biome-ignore lint/suspicious/noExplicitAny: the malformed task is the point
      store.execute({ type: 'Import', data: { importId: 'import-1', tasks } as any }),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await store.list('tasks')).toEqual([]);
  });

  it('leaves no view behind for a change to a task that does not exist', async () => {
    const store = await createTestStore(taskDomain);
    await store.execute({ type: 'Rename', data: { id: 'nobody', title: 'x' } });
    expect(await store.get('tasks', 'nobody')).toBeUndefined();
  });
});
