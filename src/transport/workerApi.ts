import type { Command } from '../core/commands';
import type { NewEvent, RecordedEvent } from '../core/events';
import type {
  AppendOptions,
  AppendResult,
  CommandResult,
  ListQuery,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  SubscribeOptions,
} from '../core/store';
import type { PlainError } from './errorTransfer';

/** A read the worker re-runs whenever the data it read changes, in this tab or any other. */
export type LiveRead =
  | { method: 'get'; args: [projection: string, key: string] }
  | { method: 'list'; args: [projection: string, query?: ListQuery] }
  | { method: 'readStream'; args: [stream: string, options?: ReadStreamOptions] }
  | { method: 'readAll'; args: [options?: ReadAllOptions] }
  | { method: 'headPosition'; args: [] };

/** What a live read reports: the new result, or why it could not be read. */
export type LiveResult = { value: unknown } | { error: PlainError };

/**
 * What the worker exposes over Comlink. Untyped by domain on purpose: the main-thread client
 * (`LogbookClient<D>`) puts the domain's types back on top.
 */
export interface WorkerApi {
  open(options: { name: string }): Promise<{ clientId: string }>;
  execute(command: Command): Promise<CommandResult>;
  append(stream: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  headPosition(): Promise<number>;
  get(projection: string, key: string): Promise<unknown>;
  list(projection: string, query?: ListQuery): Promise<unknown[]>;
  /** Calls `onEvent` (a Comlink proxy) for each event after `options.after`; returns an id for `unsubscribe`. */
  subscribe(
    onEvent: (event: RecordedEvent) => Promise<void>,
    options?: Omit<SubscribeOptions, 'onError'>,
  ): Promise<number>;
  unsubscribe(id: number): Promise<void>;
  /** Calls `onChange` (a Comlink proxy) with the read's result now and after every change; returns an id for `unwatch`. */
  watch(read: LiveRead, onChange: (result: LiveResult) => void): Promise<number>;
  unwatch(id: number): Promise<void>;
  close(): Promise<void>;
}
