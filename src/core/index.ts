export type { Command } from './commands';
export type { Aggregate, CommandSchemas, CommandsOf, Decider, EventSchemas } from './decider';
export { defineAggregate } from './decider';
export type {
  AnyAggregate,
  AnyProjection,
  Domain,
  DomainCommand,
  Policy,
  ProjectionName,
  ViewOf,
} from './domain';
export { defineDomain, definePolicy, eventSchemasOf } from './domain';
export {
  CommandConflictError,
  CommandRejectedError,
  EventIdConflictError,
  errorClasses,
  ImportError,
  isLogbookError,
  LogbookError,
  type LogbookErrorName,
  ProjectionFailedError,
  ProjectionRebuildingError,
  StoreVersionError,
  SyncHttpError,
  SyncNetworkError,
  ValidationError,
  WrongExpectedVersionError,
} from './errors';
export type {
  DomainEvent,
  EventMetadata,
  NewEvent,
  NewEventMetadata,
  RecordedEvent,
} from './events';
export type { ExpectedVersion } from './expectedVersion';
export type { Json, JsonObject } from './json';
export { LIMITS } from './limits';
export type { IndexValue, Projection } from './projection';
export { defineProjection, replayProjection } from './projection';
export type * from './store';
