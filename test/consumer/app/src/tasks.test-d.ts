import type { Command, DomainCommand, ViewOf } from 'logbook';
import type { LiveSnapshot } from 'logbook/react';
import { expectTypeOf } from 'vitest';
import type { TaskView, tasksDomain } from './tasks';
import { useTasks } from './useTasks';

// The published declarations carry the domain's types: command names and payloads, view shapes.
expectTypeOf<DomainCommand<typeof tasksDomain>>().toEqualTypeOf<
  Command<'AddTask', { task: string; title: string }> | Command<'FinishTask', { task: string }>
>();
expectTypeOf<ViewOf<typeof tasksDomain, 'tasks'>>().toEqualTypeOf<TaskView>();
expectTypeOf(useTasks.useList<'tasks'>).returns.toEqualTypeOf<LiveSnapshot<readonly TaskView[]>>();
