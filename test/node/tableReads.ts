import { type DBCore, type DBCoreCursor, Dexie, type Middleware } from 'dexie';

/**
 * Records the reads of one table (a query, a get or `bulkGet`, a cursor, a count) in every Logbook
 * database opened after `install()`: how many requests, the largest number of rows any one
 * returned, how many all returned, how many of those came with their values (not keys only), and
 * how many keys gets looked up one by one (IndexedDB answers each with a request of its own). A
 * read of the whole log shows as a read as large as the log.
 */
export function tableReads(tableName: string) {
  let requests = 0;
  let largest = 0;
  let total = 0;
  let valueRows = 0;
  let lookups = 0;
  const note = (rows: number, values = true) => {
    largest = Math.max(largest, rows);
    total += rows;
    if (values) valueRows += rows;
  };
  const counting: Middleware<DBCore> = {
    stack: 'dbcore',
    name: `reads of ${tableName}`,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== tableName) return table;
        // Promise chains, not async functions: Dexie keeps its transaction across `then`.
        return {
          ...table,
          query: (request) => {
            requests++;
            return table.query(request).then((response) => {
              note(response.result.length, request.values);
              return response;
            });
          },
          get: (request) => {
            requests++;
            lookups++;
            return table.get(request).then((row) => {
              note(row === undefined ? 0 : 1);
              return row;
            });
          },
          getMany: (request) => {
            requests++;
            lookups += request.keys.length;
            return table.getMany(request).then((rows) => {
              note(rows.filter((row) => row !== undefined).length);
              return rows;
            });
          },
          openCursor: (request) => {
            requests++;
            return table
              .openCursor(request)
              .then(
                (cursor) => cursor && countedCursor(cursor, (rows) => note(rows, request.values)),
              );
          },
          count: (request) => {
            requests++;
            return table.count(request);
          },
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
    /** The reads since the last call; counting starts again. */
    take() {
      const taken = { requests, largest, total, valueRows, lookups };
      requests = 0;
      lookups = 0;
      largest = 0;
      total = 0;
      valueRows = 0;
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

/** The reads of the event log (`tableReads('events')`). */
export const eventReads = () => tableReads('events');
