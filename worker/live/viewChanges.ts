import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import type { ViewRow } from '../db/database';

/** The views one projection's rows were written to: by key, the row as stored, or undefined once deleted. */
export type WrittenRows = ReadonlyMap<string, ViewRow | undefined>;

/** What a committed change did to the views, as far as it is known. */
export interface ViewChanges {
  /** Rows written, by projection; the last write of a key wins. */
  readonly rows: ReadonlyMap<string, WrittenRows>;
  /**
   * Whether `projection` may have changed beyond `rows`: views deleted by range, its state
   * (ready, rebuilding, failed) written, or a change made elsewhere. Its queries must read again.
   */
  unknown(projection: string): boolean;
}

/** The changes of one transaction, kept until it commits (and dropped if it aborts). */
class PendingChanges implements ViewChanges {
  readonly rows = new Map<string, Map<string, ViewRow | undefined>>();
  readonly #unknown = new Set<string>();
  #all = false;

  write(row: ViewRow): void {
    this.#rowsOf(row.projection).set(row.key, row);
  }

  remove([projection, key]: [string, string]): void {
    this.#rowsOf(projection).set(key, undefined);
  }

  forget(projection: string | undefined): void {
    if (projection === undefined) this.#all = true;
    else this.#unknown.add(projection);
  }

  unknown(projection: string): boolean {
    return this.#all || this.#unknown.has(projection);
  }

  #rowsOf(projection: string) {
    let rows = this.rows.get(projection);
    if (!rows) {
      rows = new Map();
      this.rows.set(projection, rows);
    }
    return rows;
  }
}

export interface ViewChangesHooks {
  /** A transaction that changed views or projection states committed: what it changed. */
  committed(changes: ViewChanges): void;
  /**
   * A transaction changed views or projection states. `trans` is the IndexedDB transaction,
   * whose `mutatedParts` Dexie announces (`storagemutated`) once it commits.
   */
  wrote(trans: DBCoreTransaction): void;
  /** Whether anyone watches views now: when not, rows are not kept (a rebuild writes many). */
  watching(): boolean;
}

/**
 * A Dexie middleware that sees every write of the `views` and `projections` tables, whichever
 * code makes it, and once its transaction commits hands over the rows it wrote (their new values
 * are in the write: nothing is read back). A transaction that aborts hands over nothing. A write
 * whose rows it cannot tell (a range deleted, a partial update) marks its projection, or every
 * projection, unknown; so does any write while nobody watches (a watch that starts before its
 * transaction commits reads again). Changes are handed over before Dexie resolves the
 * transaction, so before the caller of the write hears that it is done.
 */
export function viewChangesMiddleware(hooks: ViewChangesHooks): Middleware<DBCore> {
  const pending = new WeakMap<DBCoreTransaction, PendingChanges>();
  const changesOf = (trans: DBCoreTransaction): PendingChanges => {
    let changes = pending.get(trans);
    if (!changes) {
      changes = new PendingChanges();
      pending.set(trans, changes);
    }
    hooks.wrote(trans);
    return changes;
  };
  return {
    stack: 'dbcore',
    name: 'ViewChanges',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const trans = down.transaction(stores, mode, options);
        if (mode === 'readwrite' && stores.some((store) => WATCHED.has(store))) {
          // Listening now, before Dexie sets `oncomplete`, hands the changes over first. The
          // transaction Dexie's IndexedDB core hands out is the IDBTransaction itself.
          (trans as unknown as EventTarget).addEventListener('complete', () => {
            const changes = pending.get(trans);
            if (changes) hooks.committed(changes);
          });
        }
        return trans;
      },
      table(name) {
        const table = down.table(name);
        if (name === 'views') {
          return watched(table, changesOf, (changes, req, res) =>
            hooks.watching() ? recordViewWrite(changes, req, res) : changes.forget(undefined),
          );
        }
        if (name === 'projections') return watched(table, changesOf, recordStateWrite);
        return table;
      },
    }),
  };
}

const WATCHED = new Set(['views', 'projections']);

type RecordWrite = (
  changes: PendingChanges,
  req: DBCoreMutateRequest,
  res: DBCoreMutateResponse,
) => void;

/** `table`, recording each of its writes once it succeeded. */
function watched(
  table: DBCoreTable,
  changesOf: (trans: DBCoreTransaction) => PendingChanges,
  record: RecordWrite,
): DBCoreTable {
  return {
    ...table,
    async mutate(req) {
      const res = await table.mutate(req);
      record(changesOf(req.trans), req, res);
      return res;
    },
  };
}

/** A view write: its rows when the request carries them whole, else its projections unknown. */
const recordViewWrite: RecordWrite = (changes, req, res) => {
  if (req.type === 'deleteRange') {
    changes.forget(projectionOfRange(req.range.lower, req.range.upper));
    return;
  }
  if (req.type === 'delete') {
    if (req.criteria) changes.forget(undefined);
    else for (const key of req.keys) changes.remove(key);
    return;
  }
  if (req.type === 'put' && (req.changeSpec || req.updates || req.upsert === false)) {
    changes.forget(undefined);
    return;
  }
  req.values.forEach((row: ViewRow, i) => {
    // IndexedDB stored a copy when the row was put: keep one too, whatever happens to the object.
    if (!res.failures[i]) changes.write(structuredClone(row));
  });
};

/** A projection's state written (rebuilding, ready, failed): its queries must read again. */
const recordStateWrite: RecordWrite = (changes, req) => {
  if (req.type === 'deleteRange' || (req.type === 'delete' && req.criteria)) {
    changes.forget(undefined);
  } else if (req.type === 'delete') {
    for (const name of req.keys) changes.forget(name);
  } else {
    for (const state of req.values as { name?: string }[]) changes.forget(state.name);
  }
};

/** The one projection a `[projection, key]` range lies in, or undefined when it spans more. */
function projectionOfRange(lower: unknown, upper: unknown): string | undefined {
  const projection = Array.isArray(lower) ? lower[0] : undefined;
  return typeof projection === 'string' && Array.isArray(upper) && upper[0] === projection
    ? projection
    : undefined;
}
