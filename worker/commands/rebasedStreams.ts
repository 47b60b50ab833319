import type { AnyAggregate } from '../../src/core/domain';
import { messageOf } from '../../src/core/errors';
import type { NewEvent, RecordedEvent } from '../../src/core/events';
import type { EventRow, LogbookDatabase } from '../db/database';
import { type AppendContext, toRow } from '../log/appendStreams';
import { readStream, readStreamEnding } from '../log/readLog';
import { streamVersion } from '../log/streamVersion';
import { foldAll, type LoadedStream, loadAggregate } from './loadAggregate';

interface StreamEntry {
  version: number;
  /** Events this rebase appended to the stream, in order. */
  appended: NewEvent[];
  /** The aggregate's state with the appended events folded in, once a decision needed it. */
  folded?: { aggregate: AnyAggregate; state: unknown };
  /** Why the aggregate cannot fold the stream as the log holds it: no decision can be made on it. */
  unfoldable?: string;
}

/** A stream a rebase step needs read from the log before it can go on. */
export type MissingStream = { aggregate?: AnyAggregate; stream: string };

/**
 * The streams as a rebase leaves them: what the log holds plus the events the rebase appends,
 * kept in memory and written in one batch at the end. Each stream is read from the log once.
 * Reads are the only awaits: Dexie keeps a transaction's zone across a bounded number of native
 * awaits, so the decisions between them run synchronously.
 */
export class RebasedStreams {
  private readonly streams = new Map<string, StreamEntry>();
  readonly rows: Omit<EventRow, 'position'>[] = [];

  /**
   * `pulled`: other devices' events the pull just added, by stream, as reads give them: a stream
   * they end is folded from them, with only what comes before them read.
   */
  constructor(
    private readonly db: LogbookDatabase,
    private readonly pulled: ReadonlyMap<string, readonly RecordedEvent[]>,
  ) {}

  /** An aggregate's state and version as the rebase has left them, if read already. */
  readonly state = (_: AnyAggregate, stream: string): LoadedStream | undefined => {
    const entry = this.streams.get(stream);
    return entry?.folded ? { state: entry.folded.state, version: entry.version } : undefined;
  };

  /** A stream's version as the rebase has left it, if read already. */
  version(stream: string): number | undefined {
    return this.streams.get(stream)?.version;
  }

  /** Why no decision can be made on a stream read already: its aggregate cannot fold it. */
  unfoldable(stream: string): string | undefined {
    return this.streams.get(stream)?.unfoldable;
  }

  /**
   * Reads a stream from the log (its state too, with an aggregate) and adds what was appended. A
   * stream the aggregate cannot fold is read for its version only, and says why.
   */
  async read({ aggregate, stream }: MissingStream): Promise<void> {
    const appended = this.streams.get(stream)?.appended ?? [];
    if (!aggregate) return this.readVersion(stream, appended);
    const fromLog = await this.load(aggregate, stream);
    if (typeof fromLog === 'string') return this.readVersion(stream, appended, fromLog);
    const state = appended.reduce<unknown>(
      (current, event) => aggregate.evolve(current, event),
      fromLog.state,
    );
    this.streams.set(stream, {
      version: fromLog.version + appended.length,
      appended,
      folded: { aggregate, state },
    });
  }

  private async readVersion(stream: string, appended: NewEvent[], unfoldable?: string) {
    const version = (await streamVersion(this.db, stream)) + appended.length;
    this.streams.set(stream, { version, appended, unfoldable });
  }

  /** The stream's state from the log, or why its aggregate's `evolve` cannot fold it. */
  private load(aggregate: AnyAggregate, stream: string): Promise<LoadedStream | string> {
    const pulled = this.pulled.get(stream);
    // A pull deletes the snapshots of the streams it adds to: those are folded from the start.
    const loaded = pulled
      ? readStreamEnding(this.db, stream, pulled).then((events) => foldAll(aggregate, events))
      : loadAggregate(this.db, aggregate, stream);
    return loaded.catch(async (error: unknown) => {
      const unfoldable = await whyUnfoldable(this.db, aggregate, stream);
      if (unfoldable === undefined) throw error;
      return unfoldable;
    });
  }

  /** Reads streams not read yet, side by side: each once, with an aggregate if any asks for one. */
  async readAll(wanted: readonly MissingStream[]): Promise<void> {
    const byStream = new Map<string, MissingStream>();
    for (const want of wanted) {
      if (!this.streams.has(want.stream) && (want.aggregate || !byStream.has(want.stream)))
        byStream.set(want.stream, want);
    }
    await Promise.all([...byStream.values()].map((want) => this.read(want)));
  }

  /** Appends after the stream's current version, whatever it is: rebased work goes on top. */
  append(stream: string, events: NewEvent[], context: AppendContext): void {
    const entry = this.streams.get(stream);
    if (!entry) throw new Error(`Rebase appended to ${stream} before reading it`);
    for (const event of events) {
      entry.version++;
      entry.appended.push(event);
      if (entry.folded) {
        entry.folded.state = entry.folded.aggregate.evolve(entry.folded.state, event);
      }
      this.rows.push(toRow(event, stream, entry.version, context, this.db.upcasters));
    }
  }
}

/**
 * Names the event of a stream its aggregate's `evolve` throws on (another device, or another
 * version of the app, recorded something this code cannot fold), for the rejection of the
 * commands that needed the stream; undefined when every event folds. Read again from the start,
 * event by event: only a failed load comes here.
 */
async function whyUnfoldable(
  db: LogbookDatabase,
  aggregate: AnyAggregate,
  stream: string,
): Promise<string | undefined> {
  let state = aggregate.initialState();
  for (const event of await readStream(db, stream)) {
    try {
      state = aggregate.evolve(state, event);
    } catch (error) {
      const why = messageOf(error);
      return `Cannot be decided again: ${aggregate.name} cannot fold ${event.type} ${event.id} (version ${event.version} of ${stream}): ${why}`;
    }
  }
  return undefined;
}
