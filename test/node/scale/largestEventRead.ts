import { type DBCore, type DBCoreCursor, Dexie, type Middleware } from 'dexie';

/**
 * Records the largest number of event rows any one read of the `events` table returns (a query,
 * a `bulkGet`, or the rows a cursor walks), and how many all reads returned, in every Logbook
 * database opened after `install()`. A read of the whole log shows as a read as large as the log.
 */
export function largestEventRead() {
  let largest = 0;
  let total = 0;
  const note = (rows: number) => {
    largest = Math.max(largest, rows);
    total += rows;
  };
  const counting: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'largestEventRead',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'events') return table;
        return {
          ...table,
          // Promise chains, not async functions: Dexie keeps its transaction across `then`.
          query: (request) =>
            table.query(request).then((response) => {
              note(response.result.length);
              return response;
            }),
          getMany: (request) =>
            table.getMany(request).then((rows) => {
              note(rows.filter((row) => row !== undefined).length);
              return rows;
            }),
          openCursor: (request) =>
            table.openCursor(request).then((cursor) => cursor && countedCursor(cursor, note)),
        };
      },
    }),
  };
  const addon = (db: Dexie) => {
    db.use(counting);
  };
  return {
    install: () => Dexie.addons.push(addon),
    uninstall: () => Dexie.addons.splice(Dexie.addons.indexOf(addon), 1),
    /** The largest read since the last call, and the rows of every read; counting starts again. */
    take() {
      const taken = { largest, total };
      largest = 0;
      total = 0;
      return taken;
    },
  };
}

/** The cursor as it is, noting how many rows it walked once it is done. */
function countedCursor(cursor: DBCoreCursor, note: (rows: number) => void): DBCoreCursor {
  let walked = 0;
  return new Proxy(cursor, {
    get(target, property) {
      if (property === 'start') {
        return (onNext: () => void) =>
          target
            .start(() => {
              walked += 1;
              onNext();
            })
            .finally(() => note(walked));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
