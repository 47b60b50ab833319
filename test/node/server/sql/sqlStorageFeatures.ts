import { describe, expect, it } from 'vitest';
import type { SyncStorage } from '../../../../src/server/syncStorage';
import {
  appendIn,
  eventAt,
  fresh,
  storageFor,
} from '../../../../src/testing/conformance/syncStorage/fixtures';
import { writeWhileReading } from './concurrentWriters';

/** What both SQL engines keep beyond the conformance suite; `open` gives one instance each call. */
export function sqlStorageFeatures(open: () => Promise<SyncStorage>, { instances = 1 } = {}) {
  const opened = storageFor(open);

  it('keeps event data and metadata as sent: key order, duplicate-free JSON, text', async () => {
    const storage = await opened();
    const scope = fresh('scope');
    const event = {
      ...eventAt(fresh('stream'), 1),
      // jsonb would sort these keys (shorter first) and read numbers back as it likes.
      data: { zz: 1, a: { y: [3, 'x', null, true], b: 0.1 }, '': 'é ✓ \u0000 "quoted"', m: -1e-7 },
    };
    await appendIn(storage, scope, [event]);
    const [read] = await storage.readAfter(scope, 0, 1);
    expect(JSON.stringify(read?.data)).toBe(JSON.stringify(event.data));
    expect(JSON.stringify(read?.metadata)).toBe(JSON.stringify(event.metadata));
  });

  it('reads events as JSON text too, each exactly the JSON of the event readAfter reads', async () => {
    const storage = await opened();
    const scope = fresh('scope');
    const stream = fresh('stream');
    const later = eventAt(stream, 2);
    await appendIn(storage, scope, [
      eventAt(stream, 1),
      { ...later, type: 'Later', metadata: { ...later.metadata, schemaVersion: 3 } },
    ]);
    const events = await storage.readAfter(scope, 0, 10);
    // The pull's fast path: the conformance suite's pulls then go through it.
    expect(await storage.readJsonAfter?.(scope, 0, 10)).toEqual(
      events.map((event) => ({
        position: event.position,
        type: event.type,
        schemaVersion: event.metadata.schemaVersion,
        json: JSON.stringify(event),
      })),
    );
  });

  describe(`many writers on ${instances} instance(s), readers pulling all the while`, () => {
    it('lets every reader see every event of its scope exactly once, in order, at 1..N', async () => {
      const storages = await Promise.all(Array.from({ length: instances }, () => opened()));
      await writeWhileReading(storages, { writers: 20, pushes: 50, scopes: 3 });
    }, 120_000);
  });
}
