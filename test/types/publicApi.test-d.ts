// Type tests of the public API, checked by `tsc --noEmit` (never run): what a user's domain gives
// them through each entry point. Every import is from an entry point's barrel.

import {
  type Command,
  type CommandResult,
  type DomainCommand,
  defineAggregate,
  defineProjection,
  isLogbookError,
  type LocalStore,
  type ProjectedEvent,
  type ProjectionName,
  type RecordedEvent,
  type ViewOf,
} from 'logbook';
import { type ClientSyncOptions, connectLogbook, type LogbookClient } from 'logbook/client';
import { type CommandState, createLogbookReact, type LiveSnapshot } from 'logbook/react';
import { deciderSpec } from 'logbook/testing';
import {
  type ExtensionContext,
  exposeStore,
  openStore,
  type SyncOptions,
  type ClientSyncOptions as WorkerClientSyncOptions,
} from 'logbook/worker';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import {
  type ActivityView,
  type CounterDomain,
  type CounterEvent,
  counter,
  counterDomain,
  type TotalView,
} from './counterDomain';

type CounterCommand =
  | Command<'Increment', { counter: string; by: number }>
  | Command<'Reset', { counter: string }>;

export async function commandsAndViewsFromTheDomain() {
  expectTypeOf<DomainCommand<CounterDomain>>().toEqualTypeOf<CounterCommand>();
  expectTypeOf<ProjectionName<CounterDomain>>().toEqualTypeOf<'totals' | 'activity'>();
  expectTypeOf<ViewOf<CounterDomain, 'totals'>>().toEqualTypeOf<TotalView>();
  expectTypeOf<ViewOf<CounterDomain, 'activity'>>().toEqualTypeOf<ActivityView>();

  const store = await openStore({ name: 'types', domain: counterDomain });
  expectTypeOf(store).toEqualTypeOf<LocalStore<CounterDomain>>();
  expectTypeOf(store.execute).parameter(0).toEqualTypeOf<CounterCommand>();
  expectTypeOf(store.get('totals', 'a')).resolves.toEqualTypeOf<TotalView | undefined>();
  expectTypeOf(store.list('activity')).resolves.toEqualTypeOf<ActivityView[]>();
  // @ts-expect-error: the domain has no such command
  await store.execute({ type: 'Decrement', data: { counter: 'a', by: 1 } });
  // @ts-expect-error: Increment's data has a number `by`
  await store.execute({ type: 'Increment', data: { counter: 'a', by: '1' } });
  // @ts-expect-error: the domain has no such projection
  await store.get('counts', 'a');
}

export function projectionsReadWhatAnEventSaysNotWhereItIs() {
  const seen = defineProjection<{ at: number }, CounterEvent>()({
    name: 'seen',
    version: 1,
    key: (event) => event.data.counter,
    on: {
      Incremented: (_view, event) => {
        expectTypeOf(event).toEqualTypeOf<
          ProjectedEvent<Extract<CounterEvent, { type: 'Incremented' }>>
        >();
        expectTypeOf(event.data.by).toBeNumber();
        expectTypeOf(event.version).toBeNumber();
        // @ts-expect-error: a position differs by device and changes as the event settles
        return { at: event.position };
      },
    },
  });
  defineProjection<{ at: number }, CounterEvent>()({
    name: 'seenBy',
    version: 1,
    // @ts-expect-error: so does a server position, so no key may read it
    key: (event) => String(event.serverPosition),
    on: {},
  });
  return seen;
}

export async function theClientKeepsTheDomainsTypes(worker: Worker) {
  const client = await connectLogbook<CounterDomain>(worker, { name: 'types' });
  expectTypeOf(client).toEqualTypeOf<LogbookClient<CounterDomain>>();
  expectTypeOf(client.execute).parameter(0).toEqualTypeOf<CounterCommand>();
  expectTypeOf(client.get('totals', 'a')).resolves.toEqualTypeOf<TotalView | undefined>();
  expectTypeOf(client.projectionAt('activity', { position: 1 })).resolves.toEqualTypeOf<
    ActivityView[]
  >();
}

// Named as a hook so its hook calls are legal; never rendered.
export function useHooksWithTheDomainsTypes() {
  const { useCommand, useView, useList, useStream, LogbookProvider } =
    createLogbookReact<CounterDomain>();
  expectTypeOf(useCommand()).toEqualTypeOf<CommandState<CounterCommand>>();
  expectTypeOf(useCommand().execute).returns.resolves.toEqualTypeOf<CommandResult>();
  expectTypeOf(useView('totals', 'a')).toEqualTypeOf<LiveSnapshot<TotalView | undefined>>();
  expectTypeOf(useList('activity')).toEqualTypeOf<LiveSnapshot<readonly ActivityView[]>>();
  expectTypeOf(useStream('counter-a')).toEqualTypeOf<LiveSnapshot<readonly RecordedEvent[]>>();
  expectTypeOf(LogbookProvider).parameter(0).toHaveProperty('client');
  expectTypeOf<Parameters<typeof LogbookProvider>[0]['client']>().toEqualTypeOf<
    LogbookClient<CounterDomain>
  >();
  // @ts-expect-error: the domain has no such projection
  useView('counts', 'a');
}

export function errorsNarrowByName(error: unknown) {
  if (isLogbookError(error, 'WrongExpectedVersionError')) {
    expectTypeOf(error.actual).toEqualTypeOf<number>();
    expectTypeOf(error.stream).toEqualTypeOf<string>();
  }
  if (isLogbookError(error, 'ValidationError')) expectTypeOf(error.field).toEqualTypeOf<string>();
}

export function decidersAreSpecifiedWithTheirOwnEvents() {
  const spec = deciderSpec(counter).given([{ type: 'Incremented', data: { counter: 'a', by: 1 } }]);
  expectTypeOf(spec.when).parameter(0).toEqualTypeOf<CounterCommand>();
  // @ts-expect-error: the counter records no such event
  deciderSpec(counter).given([{ type: 'Decremented', data: { counter: 'a', by: 1 } }]);
}

export async function aWorkersOwnCallsAreTypedOnTheClient(worker: Worker) {
  const calls = ({ name, store }: ExtensionContext) => ({
    database: () => name,
    headTimes: async (times: number) => (await store.headPosition()) * times,
  });
  exposeStore(counterDomain, { extend: calls });
  type Calls = ReturnType<typeof calls>;

  const client = await connectLogbook<CounterDomain, Calls>(worker, { name: 'types' });
  expectTypeOf(client.extension.database).toEqualTypeOf<() => Promise<string>>();
  expectTypeOf(client.extension.headTimes).toEqualTypeOf<(times: number) => Promise<number>>();
  // @ts-expect-error: the worker serves no such call
  await client.extension.simulateNetwork({ offline: true });
  const { useClient } = createLogbookReact<CounterDomain, Calls>();
  expectTypeOf(useClient).returns.toEqualTypeOf<LogbookClient<CounterDomain, Calls>>();
}

export async function syncOptionsOnEitherSide(worker: Worker) {
  // The worker may send requests its own way; the main thread gives url, token, scopes, interval.
  exposeStore(counterDomain, {
    sync: { url: 'https://sync.example.com', scopes: ['shop-1'], fetch: (input) => fetch(input) },
  });
  await connectLogbook<CounterDomain>(worker, {
    name: 'types',
    sync: { url: 'https://sync.example.com', token: async () => 'jwt', scopes: ['a', 'b'] },
  });
  expectTypeOf<ClientSyncOptions>().toEqualTypeOf<WorkerClientSyncOptions>();
  expectTypeOf<SyncOptions['token']>().toEqualTypeOf<
    (() => string | Promise<string>) | undefined
  >();
  // @ts-expect-error: fetch runs in the worker; a function given on the main thread cannot be
  await connectLogbook<CounterDomain>(worker, { name: 'types', sync: { fetch } });
  // @ts-expect-error: `baseUrl` is now `url`
  exposeStore(counterDomain, { sync: { baseUrl: 'https://sync.example.com' } });
  // @ts-expect-error: `scope` is now `scopes`, a list
  exposeStore(counterDomain, { sync: { scope: 'shop-1' } });
}

export function anAggregateListsOnlyItsOwnCommandsAsStartingStreams() {
  const base = {
    name: 'note',
    commands: { Write: z.object({ id: z.string() }) },
    streamOf: (command: { data: { id: string } }) => `note-${command.data.id}`,
    initialState: () => ({}),
    evolve: (state: object) => state,
    decide: () => [] as { type: 'Written'; data: Record<string, never> }[],
  };
  defineAggregate({ ...base, startsStream: ['Write'] });
  // @ts-expect-error: the aggregate has no command of that type
  defineAggregate({ ...base, startsStream: ['Erase'] });
}
