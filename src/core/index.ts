export type { Command } from './commands';
export type {
  Aggregate,
  CommandSchemas,
  CommandsOf,
  ConflictResolver,
  ConflictStrategy,
  Decider,
  EventSchemas,
} from './decider';
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
  ForbiddenError,
  ImportError,
  isLogbookError,
  LogbookError,
  type LogbookErrorName,
  ProjectionFailedError,
  ProjectionRebuildingError,
  RateLimitedError,
  StorageUnavailableError,
  StoreVersionError,
  SyncHttpError,
  SyncNetworkError,
  UnauthorizedError,
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
export type { IndexValue, ProjectedEvent, Projection } from './projection';
export { defineProjection, replayProjection } from './projection';
export type {
  AppendOptions,
  AppendResult,
  CommandResult,
  EventHandler,
  EventStore,
  ExportPage,
  HistoryStore,
  ListQuery,
  LocalStore,
  LogbookStore,
  LogPoint,
  ProjectionStatus,
  PullOutcome,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  Refusal,
  RejectedCommand,
  StreamPoint,
  SubscribeOptions,
  SyncableStore,
  SyncReport,
  SyncStatus,
  SyncSummary,
  Unsubscribe,
} from './store';
export {
  acceptedStream,
  conflictedStream,
  type ErrorResponse,
  errorResponse,
  type LiveNotice,
  liveNotice,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  pullRequest,
  pullResponse,
  pushRequest,
  pushResponse,
  type RefusedEvent,
  refusedEvent,
  refusedStream,
  SERVER_PATHS,
  type ServerEvent,
  SYNC_PATHS,
  scopeName,
  serverEvent,
  type WireEvent,
  wireEvent,
  wireMetadata,
} from './syncProtocol';
export type { Upcaster, Upcasters } from './upcasting';
