import { Dexie, type EntityTable } from 'dexie';
import type { Command } from '../../src/core/commands';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { IndexValue } from '../../src/core/projection';
import { type Upcasters, upcast } from '../../src/core/upcasting';
import { isPending, type ReplayPhase, type SyncMark } from './syncStates';

/**
 * An event as stored: the recorded event, with its sync mark while it is unsettled, and once
 * settled the order this device settled it in (`settled`: 1, 2, 3, ...; see `SyncState`).
 */
export type EventRow = RecordedEvent & { sync?: SyncMark; settled?: number };

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

/**
 * A view's value before the unsettled events changed it (null: there was no view; a view those
 * events created keeps no base row, see `ViewRow.baseAbsent`).
 */
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
  /**
   * Set on a view that did not exist before the unsettled events applied to it, and that keeps no
   * base row: its base is absence, so a rewind deletes it. A view with unsettled events has a base
   * row or this mark (or, deleted by them, neither: its base is absence too); a view without
   * unsettled events has no mark, so the mark goes once its base is a value or its events have all
   * settled. A base row wins over a mark wherever both are read. That holds for
   * every ready projection; a failed one may keep marks, and its rebuild starts by dropping its
   * views (`resetProjection`).
   */
  baseAbsent?: true;
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
   * `rebuilding` while the views are replayed from the log in replay order: settled events in the
   * order they settled (phase `settled`), then unsettled ones by local position (phase
   * `unsettled`); `position` is how far the current phase has got (a settle order, a position). `failed` once it threw on an event from
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
    // Replay order became the order this device settled events in (several scopes' server
    // positions say nothing of each other): settled events get that order, from their server
    // positions, as they had one scope. Nothing reads events by server position any more.
    this.version(5)
      .stores({
        events: '++position, &id, &[stream+version], [sync+position], settled',
      })
      .upgrade(async (tx) => {
        const events = tx.table('events');
        const settled: [position: number, serverPosition: number][] = [];
        // Raw rows: the reading hook would hide their sync marks.
        await events
          .toCollection()
          .raw()
          .each((row: EventRow) => {
            if (row.sync === undefined) settled.push([row.position, row.serverPosition as number]);
          });
        settled.sort(([, a], [, b]) => a - b);
        const order = new Map(settled.map(([position], i) => [position, i + 1]));
        await events.toCollection().modify((row: EventRow) => {
          const settledAs = order.get(row.position);
          if (settledAs !== undefined) row.settled = settledAs;
        });
      });
    // A view pending events created is marked `baseAbsent` instead of keeping a base row of null.
    // No row changes, but code before it would read a marked view as settled: it must refuse the
    // database (`StoreVersionError`) rather than rewind it wrongly.
    this.version(6).stores({});
    // Reads give recorded events: without the sync state, and (schema evolution as a layer) in
    // their current shape.
    this.events.hook(
      'reading',
      (row: EventRow | undefined) => (row ? this.recorded(row) : row), // undefined: a key `bulkGet` did not find
    );
  }

  /**
   * A row as reads give it: for a read that needs the row itself too (`Collection.raw()`), and
   * for a row just written with its sync state, so that what the write hands on (to projections,
   * live views, its caller) is what a read of it would give.
   */
  recorded({ sync: _, settled: __, ...event }: EventRow): RecordedEvent {
    return this.inCurrentShape(event);
  }

  /** An event as reads give it (old events in their current shape), for one just written. */
  inCurrentShape(event: RecordedEvent): RecordedEvent {
    return this.upcasters ? upcast(event, this.upcasters) : event;
  }
}
