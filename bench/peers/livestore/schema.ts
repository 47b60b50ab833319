import { defineMaterializer, Events, makeSchema, Schema, State } from '@livestore/livestore';

export const tables = {
  tasks: State.SQLite.table({
    name: 'tasks',
    columns: {
      id: State.SQLite.text({ primaryKey: true }),
      listId: State.SQLite.text(),
      title: State.SQLite.text(),
      done: State.SQLite.boolean({ default: false }),
      rank: State.SQLite.real(),
    },
    indexes: [{ name: 'tasks_by_list', columns: ['listId', 'rank', 'id'] }],
  }),
} as const;

export const events = {
  taskCreated: Events.synced({
    name: 'v1.TaskCreated',
    schema: Schema.Struct({
      id: Schema.String,
      listId: Schema.String,
      title: Schema.String,
      done: Schema.Boolean,
      rank: Schema.Number,
    }),
  }),
  taskRenamed: Events.synced({
    name: 'v1.TaskRenamed',
    schema: Schema.Struct({ id: Schema.String, title: Schema.String }),
  }),
  taskCompleted: Events.synced({
    name: 'v1.TaskCompleted',
    schema: Schema.Struct({ id: Schema.String }),
  }),
  taskMoved: Events.synced({
    name: 'v1.TaskMoved',
    schema: Schema.Struct({ id: Schema.String, listId: Schema.String, rank: Schema.Number }),
  }),
  /**
   * Changes nothing: `flush()` commits one after the writes it waits for, see `durable.ts`.
   * Client-only, so a sync backend would never receive it.
   */
  flushMarked: Events.clientOnly({
    name: 'v1.FlushMarked',
    schema: Schema.Struct({}),
  }),
} as const;

const materializers = State.SQLite.materializers(events, {
  [events.taskCreated.name]: defineMaterializer(events.taskCreated, (task) =>
    tables.tasks.insert(task),
  ),
  [events.taskRenamed.name]: defineMaterializer(events.taskRenamed, ({ id, title }) =>
    tables.tasks.update({ title }).where({ id }),
  ),
  [events.taskCompleted.name]: defineMaterializer(events.taskCompleted, ({ id }) =>
    tables.tasks.update({ done: true }).where({ id }),
  ),
  [events.taskMoved.name]: defineMaterializer(events.taskMoved, ({ id, listId, rank }) =>
    tables.tasks.update({ listId, rank }).where({ id }),
  ),
  [events.flushMarked.name]: defineMaterializer(events.flushMarked, () => []),
});

const state = State.SQLite.makeState({ tables, materializers });

export const schema = makeSchema({ events, state });
