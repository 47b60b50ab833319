import type { ReactNode } from 'react';
import type { Domain, DomainCommand, ProjectionName, ViewOf } from '../../core/domain';
import type { ListQuery } from '../../core/store';
import type { NoExtension, WorkerExtension } from '../../transport/workerExtension';
import type { LogbookClient } from '../connectLogbook';
import type { LiveSnapshot } from '../liveReads';
import * as hooks from './hooks';
import { LogbookProvider, useLogbook } from './LogbookProvider';

/**
 * The hooks with the domain's types on: command names and payloads, view shapes by projection,
 * and the worker's own calls (`E`) on `useClient().extension`.
 */
export interface LogbookReact<D extends Domain, E extends WorkerExtension = NoExtension> {
  LogbookProvider: (props: { client: LogbookClient<D, E>; children: ReactNode }) => ReactNode;
  useClient: () => LogbookClient<D, E>;
  useCommand: () => hooks.CommandState<DomainCommand<D>>;
  useView: <Name extends ProjectionName<D>>(
    projection: Name,
    key: string,
  ) => LiveSnapshot<ViewOf<D, Name> | undefined>;
  useList: <Name extends ProjectionName<D>>(
    projection: Name,
    query?: ListQuery,
  ) => LiveSnapshot<readonly ViewOf<D, Name>[]>;
  useStream: typeof hooks.useStream;
  useHeadPosition: typeof hooks.useHeadPosition;
  useSyncSummary: typeof hooks.useSyncSummary;
  useLog: typeof hooks.useLog;
  useProjectionStatus: typeof hooks.useProjectionStatus;
  useLiveRead: typeof hooks.useLiveRead;
}

const useClient = () => useLogbook().client;

/**
 * `const shop = createLogbookReact<typeof shopDomain>()`: the same hooks, typed from the domain,
 * so no command or view type is written twice.
 */
export function createLogbookReact<
  D extends Domain,
  E extends WorkerExtension = NoExtension,
>(): LogbookReact<D, E> {
  return { ...hooks, LogbookProvider, useClient } as unknown as LogbookReact<D, E>;
}
