import { Dexie, type EntityTable } from 'dexie';
import type { Command } from '../../src/core/commands';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { IndexValue } from '../../src/core/projection';
import { type Upcasters, upcast } from '../../src/core/upcasting';
import { isPending, type ReplayPhase, type SyncMark } from './syncStates';

/** An event as stored: the recorded event, with its sync mark while it is unsettled. */
export type EventRow = RecordedEvent & { sync?: SyncMark };

/** A command once executed: enough to answer a retry with the first result, and to rebase it. */
export interface CommandRow {
  id: string;
  command: Command;
  eventIds: string[];
  recordedAt: number;
  /** `rejected` when a rebase on other devices' events found it now breaks a rule: its events left the log. */
  status: 'done' | 'rejected';
  reason: string | null;
}

/** An aggregate's state after `version` of its stream, folded by decider version `deciderVersion`. */
export interface SnapshotRow {
  stream: string;
  version: number;
  deciderVersion: number;
  state: unknown;
}

/** A view's value before the unsettled events changed it (null: there was no view). */
export interface ViewBaseRow {
  projection: string;
  key: string;
  value: Json | null;
}

/** One view of one projection. `terms` index it: one `[projection, index, value]` per index. */
export interface ViewRow {
  projection: string;
  key: string;
  value: Json;
  terms: [string, string, IndexValue][];
}

/** The event a projection threw on, and why. */
export interface ProjectionFailure {
  eventId: string;
  eventType: string;
  reason: string;
}

export interface ProjectionStateRow {
  name: string;
  version: number;
  /**
   * `rebuilding` while the views are replayed from the log in replay order: confirmed events by
   * server position (phase `confirmed`), then pending ones by local position (phase `pending`);
   * `position` is how far the current phase has got. `failed` once it threw on an event from
   * elsewhere (pulled, rebased, replayed): it takes no events until it is rebuilt.
   */
  status: 'ready' | 'rebuilding' | 'failed';
  phase: ReplayPhase;
  position: number;
  /** How many events the rebuild has replayed so far. */
  processed: number;
  /** What a `failed` projection threw on. */
  failure?: ProjectionFailure;
}

export interface MetaRow {
  key: string;
  value: Json;
}

/**
 * The store's IndexedDB schema. Events are keyed by their log position; `[stream+version]` is
 * unique, so two writers can never both store version N of a stream.
 */
export class LogbookDatabase extends Dexie {
  events!: EntityTable<EventRow, 'position'>;
  commands!: EntityTable<CommandRow, 'id'>;
  views!: Dexie.Table<ViewRow, [string, string]>;
  projections!: EntityTable<ProjectionStateRow, 'name'>;
  meta!: EntityTable<MetaRow, 'key'>;
  viewBases!: Dexie.Table<ViewBaseRow, [string, string]>;
  snapshots!: EntityTable<SnapshotRow, 'stream'>;

  /** How old events are read in their current shape; set once, before the first read. */
  readonly upcasters: Upcasters | undefined;

  constructor(name: string, upcasters?: Upcasters) {
    super(name);
    this.upcasters = upcasters;
    this.version(1).stores({
      events: '++position, &id, &[stream+version], type',
      commands: 'id',
      views: '[projection+key], *terms',
      projections: 'name',
      meta: 'key',
    });
    this.version(2)
      .stores({
        events: '++position, &id, &[stream+version], type, serverPosition',
        commands: 'id, status',
        unsettled: 'position',
        viewBases: '[projection+key]',
      })
      .upgrade(async (tx) => {
        await tx.table('commands').toCollection().modify({ status: 'done', reason: null });
        await tx.table('events').toCollection().modify({ serverPosition: null });
        const positions = await tx.table('events').toCollection().primaryKeys();
        await tx.table('unsettled').bulkAdd(positions.map((position) => ({ position })));
      });
    this.version(3).stores({ snapshots: 'stream' });
    // Unsettled events: a table of positions became a mark on the event, written with it. The
    // `type` index goes: no query used it, and every index is written with every event.
    this.version(4)
      .stores({
        events: '++position, &id, &[stream+version], serverPosition, [sync+position]',
        unsettled: null,
      })
      .upgrade(async (tx) => {
        const positions = await tx.table('unsettled').toCollection().primaryKeys();
        await tx
          .table('events')
          .where('position')
          .anyOf(positions)
          .modify((row: EventRow) => {
            row.sync = isPending(row) ? 'pending' : 'accepted';
          });
      });
    // Reads give recorded events: without the sync mark, and (schema evolution as a layer) in
    // their current shape.
    this.events.hook('reading', (row: EventRow | undefined) => {
      if (!row) return row; // a key `bulkGet` did not find
      const event = row.sync === undefined ? row : withoutMark(row);
      return upcasters ? upcast(event, upcasters) : event;
    });
  }
}

function withoutMark({ sync: _, ...event }: EventRow): RecordedEvent {
  return event;
}
