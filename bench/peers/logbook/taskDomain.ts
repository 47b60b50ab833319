import { defineAggregate, defineDomain, defineProjection } from 'logbook';
import * as z from 'zod/mini';

const taskSchema = z.object({
  id: z.string(),
  listId: z.string(),
  title: z.string(),
  done: z.boolean(),
  rank: z.number(),
});

/** The peer's `Task`, as a type alias: views and event data must be JSON. */
type TaskView = z.infer<typeof taskSchema>;

type TaskEvent =
  | { type: 'TaskCreated'; data: TaskView }
  | { type: 'TaskRenamed'; data: { id: string; title: string } }
  | { type: 'TaskCompleted'; data: { id: string } }
  | { type: 'TaskMoved'; data: { id: string; listId: string; rank: number } };

/** A task's own stream: it is created, renamed, completed and moved there. */
export const task = defineAggregate({
  name: 'task',
  commands: {
    Create: taskSchema,
    Rename: z.object({ id: z.string(), title: z.string() }),
    Complete: z.object({ id: z.string() }),
    Move: z.object({ id: z.string(), listId: z.string(), rank: z.number() }),
  },
  // A create names a new task's id: decided on the initial state, its stream read only if started.
  startsStream: ['Create'],
  streamOf: (command) => `task-${command.data.id}`,
  initialState: () => ({}),
  evolve: (state) => state,
  decide: (command): TaskEvent => {
    switch (command.type) {
      case 'Create':
        return { type: 'TaskCreated', data: command.data };
      case 'Rename':
        return { type: 'TaskRenamed', data: command.data };
      case 'Complete':
        return { type: 'TaskCompleted', data: command.data };
      case 'Move':
        return { type: 'TaskMoved', data: command.data };
    }
  },
});

/**
 * Many tasks created by one command, all or none. A command decides for one stream and policies
 * fan out to at most 32 commands, so an import records its tasks in a stream of its own; the
 * projection finds each task by its id wherever its events are.
 */
export const taskImport = defineAggregate({
  name: 'taskImport',
  commands: { Import: z.object({ importId: z.string(), tasks: z.array(taskSchema) }) },
  startsStream: ['Import'],
  streamOf: (command) => `taskImport-${command.data.importId}`,
  initialState: () => ({}),
  evolve: (state) => state,
  decide: (command): TaskEvent[] =>
    command.data.tasks.map((data) => ({ type: 'TaskCreated', data })),
});

/** One view per task, listed by its list. */
export const tasks = defineProjection<TaskView, TaskEvent>()({
  name: 'tasks',
  version: 1,
  key: (event) => event.data.id,
  indexes: { list: (view) => view.listId },
  on: {
    TaskCreated: (_view, event) => event.data,
    TaskRenamed: (view, event) => (view ? { ...view, title: event.data.title } : null),
    TaskCompleted: (view) => (view ? { ...view, done: true } : null),
    TaskMoved: (view, event) =>
      view ? { ...view, listId: event.data.listId, rank: event.data.rank } : null,
  },
});

export const taskDomain = defineDomain({ aggregates: [task, taskImport], projections: [tasks] });
export type TaskDomain = typeof taskDomain;
