import type { Json } from './json';

/** An event as a domain speaks of it: a type and its JSON data. */
export interface DomainEvent<Type extends string = string, Data extends Json = Json> {
  type: Type;
  data: Data;
}

export interface EventMetadata {
  /** When the event was recorded, in milliseconds since the Unix epoch. */
  recordedAt: number;
  /** The device (store) that recorded it. */
  clientId: string;
  /** The command that caused it, if a command did. */
  commandId: string | null;
  /** The id shared by everything that one user action set off. */
  correlationId: string | null;
  /** The id of the message (command or event) that directly caused this one. */
  causationId: string | null;
  /** The version of this event type's data shape, for upcasting old events. */
  schemaVersion: number;
}

/** Metadata a writer may set; the store fills in the rest. */
export type NewEventMetadata = Partial<
  Pick<EventMetadata, 'correlationId' | 'causationId' | 'schemaVersion'>
>;

/** An event handed to `append`. An `id` makes a retry idempotent; the store generates one if absent. */
export type NewEvent<E extends DomainEvent = DomainEvent> = E & {
  id?: string;
  metadata?: NewEventMetadata;
};

/** An event as stored: immutable, with its place in its stream and in the local log. */
export type RecordedEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? E & {
      /** Globally unique and time-sortable (UUIDv7), generated where the event was first written. */
      id: string;
      stream: string;
      /** 1-based position within its stream. */
      version: number;
      /** Position in this device's log: increasing, in the order events were stored here. */
      position: number;
      /** Position in the server's log once the server has accepted it; null while pending. */
      serverPosition: number | null;
      metadata: EventMetadata;
    }
  : never;
