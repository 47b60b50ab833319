import { Dexie, type EntityTable } from 'dexie';
import type { Command } from '../../src/core/commands';
import type { RecordedEvent } from '../../src/core/events';
import type { Json } from '../../src/core/json';
import type { IndexValue } from '../../src/core/projection';

export type EventRow = RecordedEvent;

/** A command once executed: enough to answer a retry with the first result. */
export interface CommandRow {
  id: string;
  command: Command;
  eventIds: string[];
  recordedAt: number;
}

/** One view of one projection. `terms` index it: one `[projection, index, value]` per index. */
export interface ViewRow {
  projection: string;
  key: string;
  value: Json;
  terms: [string, string, IndexValue][];
}

export interface ProjectionStateRow {
  name: string;
  version: number;
  /** `rebuilding` while the views are replayed from the log up to `position`. */
  status: 'ready' | 'rebuilding';
  position: number;
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

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      events: '++position, &id, &[stream+version], type',
      commands: 'id',
      views: '[projection+key], *terms',
      projections: 'name',
      meta: 'key',
    });
  }
}
