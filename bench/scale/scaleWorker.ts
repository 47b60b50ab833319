import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { RecordedEvent } from '../../src/core/events';
import { replayProjection } from '../../src/core/projection';
import { type EventRow, LogbookDatabase } from '../../worker/db/database';
import { openStore } from '../../worker/store/openStore';
import { benchDomain, reading, readings, sensor } from '../benchDomain';
import { median } from '../stats';

/**
 * The worker side of the scale workload: a log of `total` settled events, one stream among them
 * (`HOT_STREAM`) holding every `total / streamEvents`th, each measure beside its baseline on the
 * same database. Every function returns milliseconds measured here, next to the work.
 */

export const HOT_STREAM = 'sensor-hot';
const SEED_CHUNK = 10_000;
const PAGE = 1_000;

/** The stream and sensor of event `i` of the seeded log, and its version in that stream. */
function placeOf(i: number, every: number) {
  if (i % every === 0) return { sensor: 'hot', stream: HOT_STREAM, version: i / every + 1 };
  // The other sensors take the rest round robin: s-1 to s-99.
  const other = i - Math.floor(i / every) - 1;
  return {
    sensor: `s-${(other % 99) + 1}`,
    stream: `sensor-s-${(other % 99) + 1}`,
    version: Math.floor(other / 99) + 1,
  };
}

/** Event `i` as a synced device stores it: settled, in server order. */
function settledRow(i: number, every: number): Omit<EventRow, 'position'> {
  const { sensor: name, stream, version } = placeOf(i, every);
  return {
    id: uuidv7(),
    stream,
    version,
    type: 'Recorded',
    data: reading(i, name),
    serverPosition: i + 1,
    settled: i + 1,
    metadata: {
      recordedAt: 1_700_000_000_000 + i,
      clientId: 'scale-seed',
      commandId: null,
      correlationId: null,
      causationId: null,
      schemaVersion: 1,
    },
  };
}

const eventsOf = (db: Dexie) => db.table<EventRow, number>('events');

export const scaleApi = {
  /**
   * A new store holding `total` settled events, written fast: `openStore` makes the schema, then
   * the rows go straight in with `bulkAdd` of 10k per transaction (no version checks, no inline
   * projection: the rebuild measured next fills the views). Returns the database's name and the
   * log's size as JSON (from the first thousand rows).
   */
  async seedScale(name: string, total: number, streamEvents: number) {
    await (await openStore({ name, domain: benchDomain })).close();
    const every = Math.floor(total / streamEvents);
    const db = new LogbookDatabase(name);
    await db.open();
    for (let from = 0; from < total; from += SEED_CHUNK) {
      const count = Math.min(SEED_CHUNK, total - from);
      await db.events.bulkAdd(
        Array.from({ length: count }, (_, i) => settledRow(from + i, every)) as EventRow[],
      );
    }
    const sample = await eventsOf(db).limit(1000).toArray();
    db.close();
    return { logBytes: (new Blob([JSON.stringify(sample)]).size / sample.length) * total };
  },

  /** Cold rebuild of the projection over the whole log. */
  async scaleRebuild(name: string) {
    const store = await openStore({ name, domain: benchDomain });
    const start = performance.now();
    await store.rebuildProjection('readings');
    await store.projectionsReady();
    const ms = performance.now() - start;
    await store.close();
    return ms;
  },

  /** The rebuild's baseline: the log read by key in pages, folded in memory by the same projection. */
  async scaleRebuildBaseline(name: string) {
    const raw = new Dexie(name);
    await raw.open();
    const start = performance.now();
    const views = new Map();
    for (let after = 0; ; ) {
      const page = await eventsOf(raw).where(':id').above(after).limit(PAGE).toArray();
      if (page.length === 0) break;
      replayProjection(readings, page, views);
      after = (page.at(-1) as EventRow).position;
    }
    const ms = performance.now() - start;
    raw.close();
    return ms;
  },

  /**
   * The hot stream's aggregate at `version` (`aggregateStateAt`), beside one indexed range read
   * of the stream up to it and the same fold; the median of `times` of each.
   */
  async scaleTemporal(name: string, version: number, times: number) {
    const store = await openStore({ name, domain: benchDomain });
    const raw = new Dexie(name);
    await raw.open();
    const logbook: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < times; i++) {
      let start = performance.now();
      const state = (await store.aggregateStateAt('sensor', HOT_STREAM, { version })) as {
        count: number;
      };
      logbook.push(performance.now() - start);
      start = performance.now();
      const events = (await eventsOf(raw)
        .where('[stream+version]')
        .between([HOT_STREAM, 0], [HOT_STREAM, version], true, true)
        .toArray()) as RecordedEvent[];
      const folded = events.reduce(
        (state, event) => sensor.evolve(state, event as never),
        sensor.initialState(),
      );
      baseline.push(performance.now() - start);
      if (state.count !== version || folded.count !== version) {
        throw new Error(`the state at version ${version} counted ${state.count}`);
      }
    }
    await store.close();
    raw.close();
    return { logbook: median(logbook), baseline: median(baseline) };
  },

  /** The whole log exported as NDJSON (`exportLog`), page by page; each page is let go at once. */
  async scaleExport(name: string) {
    const store = await openStore({ name, domain: benchDomain });
    const start = performance.now();
    let bytes = 0;
    for (let after = 0, more = true; more; ) {
      const page = await store.exportLog({ after, limit: PAGE });
      bytes += page.ndjson.length;
      ({ lastPosition: after, hasMore: more } = page);
    }
    const ms = performance.now() - start;
    await store.close();
    return { ms, bytes };
  },

  /** The export's baseline: the log read by key in pages, a JSON line per event. */
  async scaleExportBaseline(name: string) {
    const raw = new Dexie(name);
    await raw.open();
    const start = performance.now();
    let bytes = 0;
    for (let after = 0; ; ) {
      const page = await eventsOf(raw).where(':id').above(after).limit(PAGE).toArray();
      if (page.length === 0) break;
      bytes += page.map((row) => `${JSON.stringify(row)}\n`).join('').length;
      after = (page.at(-1) as EventRow).position;
    }
    const ms = performance.now() - start;
    raw.close();
    return { ms, bytes };
  },
};
