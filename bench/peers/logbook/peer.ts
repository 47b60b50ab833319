import { connectLogbook, type LogbookClient } from 'logbook/client';
import { byRankThenId } from '../sortTasks';
import type { PeerFactory, Task, TaskPeer } from '../taskPeer';
import type { TaskDomain } from './taskDomain';

const inList = (listId: string) => ({ index: 'list', equals: listId });

/** Logbook as an app uses it: the store in a worker, commands and live reads from the page. */
export const createPeer: PeerFactory = (): TaskPeer => {
  let client: LogbookClient<TaskDomain> | undefined;
  const opened = () => {
    if (!client) throw new Error('The Logbook peer is not open');
    return client;
  };
  const execute = async (command: Parameters<LogbookClient<TaskDomain>['execute']>[0]) => {
    await opened().execute(command);
  };

  return {
    name: 'logbook',
    label: 'Logbook',
    traits: { worker: true, offlineWrites: true, crossTab: true, storage: 'IndexedDB' },
    async open(name) {
      const worker = new Worker(new URL('./tasks.worker.ts', import.meta.url), { type: 'module' });
      client = await connectLogbook<TaskDomain>(worker, { name });
    },
    create: (task) => execute({ type: 'Create', data: task }),
    rename: (id, title) => execute({ type: 'Rename', data: { id, title } }),
    complete: (id) => execute({ type: 'Complete', data: { id } }),
    move: (id, listId, rank) => execute({ type: 'Move', data: { id, listId, rank } }),
    createMany: (tasks) =>
      execute({ type: 'Import', data: { importId: crypto.randomUUID(), tasks: [...tasks] } }),
    watchList(listId, onChange) {
      return opened().watch({ method: 'list', args: ['tasks', inList(listId)] }, (result) => {
        if ('error' in result) throw result.error;
        onChange([...(result.value as Task[])].sort(byRankThenId));
      });
    },
    async queryList(listId) {
      return (await opened().list('tasks', inList(listId))).sort(byRankThenId);
    },
    // A command resolves once its events and views are committed to IndexedDB.
    flush: async () => undefined,
    async close() {
      await client?.close();
      client = undefined;
    },
  };
};
