import { CommandRejectedError, defineAggregate, defineDomain, defineProjection } from 'logbook';
// zod/mini, as the README recommends for what runs in a worker: the full zod is ~25 kB gzipped.
import * as z from 'zod/mini';

export type TaskEvent =
  | { type: 'TaskAdded'; data: { task: string; title: string } }
  | { type: 'TaskFinished'; data: { task: string } };

const taskId = z.string().check(z.minLength(1), z.maxLength(64));

export const task = defineAggregate({
  name: 'task',
  commands: {
    AddTask: z.object({ task: taskId, title: z.string().check(z.minLength(1), z.maxLength(200)) }),
    FinishTask: z.object({ task: taskId }),
  },
  events: {
    TaskAdded: z.object({ task: taskId, title: z.string() }),
    TaskFinished: z.object({ task: taskId }),
  },
  streamOf: (command) => `task-${command.data.task}`,
  initialState: () => ({ added: false, finished: false }),
  evolve: (state, event: TaskEvent) =>
    event.type === 'TaskAdded' ? { ...state, added: true } : { ...state, finished: true },
  decide: (command, state): TaskEvent[] => {
    if (command.type === 'AddTask') {
      if (state.added) throw new CommandRejectedError({ reason: 'This task exists already' });
      return [{ type: 'TaskAdded', data: command.data }];
    }
    if (!state.added) throw new CommandRejectedError({ reason: 'There is no such task' });
    if (state.finished) throw new CommandRejectedError({ reason: 'This task is finished already' });
    return [{ type: 'TaskFinished', data: command.data }];
  },
});

export type TaskView = { task: string; title: string; finished: boolean };

export const tasks = defineProjection<TaskView, TaskEvent>()({
  name: 'tasks',
  version: 1,
  key: (event) => event.data.task,
  indexes: { open: (view) => (view.finished ? undefined : 1) },
  on: {
    TaskAdded: (_view, event) => ({ ...event.data, finished: false }),
    TaskFinished: (view) => (view ? { ...view, finished: true } : null),
  },
});

export const tasksDomain = defineDomain({ aggregates: [task], projections: [tasks] });
