import { describe, expect, it } from 'vitest';
import type { PushRequest, WireEvent } from '../../../src/core/syncProtocol';
import { createSyncServer } from '../../../src/server/syncServer';
import type { SyncStorage } from '../../../src/server/syncStorage';
import { deviceMetadata } from '../../eventMetadata';

let ids = 0;
export function wireEvent(data: Record<string, number | string> = {}): WireEvent {
  ids += 1;
  return {
    id: `evt-${ids}`,
    type: 'Incremented',
    data,
    metadata: deviceMetadata('device-a'),
  };
}

export const push = (...streams: PushRequest['streams']): PushRequest => ({
  clientId: 'device-a',
  streams,
});

/** The server's promises, written once and run against every storage. */
export function syncServerConformance(name: string, storageFactory: () => SyncStorage) {
  describe(`sync server on ${name}`, () => {
    it('accepts a batch on the stream’s current version, with versions and global positions', async () => {
      const server = createSyncServer(storageFactory());
      const [a1, a2, b1] = [wireEvent(), wireEvent(), wireEvent()];
      const first = await server.push(push({ stream: 'a', baseVersion: 0, events: [a1, a2] }));
      const second = await server.push(push({ stream: 'b', baseVersion: 0, events: [b1] }));
      expect(first.results).toEqual([
        {
          stream: 'a',
          status: 'accepted',
          events: [
            { id: a1.id, version: 1, position: 1 },
            { id: a2.id, version: 2, position: 2 },
          ],
        },
      ]);
      expect(second.results[0]).toMatchObject({
        status: 'accepted',
        events: [{ version: 1, position: 3 }],
      });
    });

    it('answers a stale base version with a conflict, leaving other streams unaffected', async () => {
      const server = createSyncServer(storageFactory());
      await server.push(push({ stream: 'a', baseVersion: 0, events: [wireEvent()] }));
      const { results } = await server.push(
        push(
          { stream: 'a', baseVersion: 0, events: [wireEvent()] },
          { stream: 'b', baseVersion: 0, events: [wireEvent()] },
        ),
      );
      expect(results).toEqual([
        { stream: 'a', status: 'conflict', serverVersion: 1 },
        expect.objectContaining({ stream: 'b', status: 'accepted' }),
      ]);
      expect((await server.pull({ after: 0, limit: 10 })).events.map((e) => e.stream)).toEqual([
        'a',
        'b',
      ]);
    });

    it('accepts a group of batches together or not at all', async () => {
      const server = createSyncServer(storageFactory());
      await server.push(push({ stream: 'order', baseVersion: 0, events: [wireEvent()] }));
      const { results } = await server.push(
        push(
          { stream: 'cart', baseVersion: 0, events: [wireEvent()], group: 0 },
          { stream: 'order', baseVersion: 0, events: [wireEvent()], group: 0 },
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['conflict', 'conflict']);
      expect((await server.pull({ after: 0, limit: 10 })).events).toHaveLength(1);
    });

    it('acknowledges a retried batch with its original positions and stores it once', async () => {
      const server = createSyncServer(storageFactory());
      const batch = { stream: 'a', baseVersion: 0, events: [wireEvent(), wireEvent()] };
      const original = await server.push(push(batch));
      await server.push(push({ stream: 'b', baseVersion: 0, events: [wireEvent()] }));
      expect(await server.push(push(batch))).toEqual(original);
      expect((await server.pull({ after: 0, limit: 10 })).events).toHaveLength(3);
    });

    it('acknowledges a stored prefix and appends the events after it', async () => {
      const server = createSyncServer(storageFactory());
      const [e1, e2, e3] = [wireEvent(), wireEvent(), wireEvent()];
      await server.push(push({ stream: 'a', baseVersion: 0, events: [e1, e2] }));
      const { results } = await server.push(
        push({ stream: 'a', baseVersion: 0, events: [e1, e2, e3] }),
      );
      expect(results[0]).toMatchObject({
        status: 'accepted',
        events: [
          { id: e1.id, version: 1, position: 1 },
          { id: e2.id, version: 2, position: 2 },
          { id: e3.id, version: 3, position: 3 },
        ],
      });
    });

    it('refuses a stored id sent with other content, and stores nothing of that push', async () => {
      const server = createSyncServer(storageFactory());
      const e1 = wireEvent({ n: 1 });
      await server.push(push({ stream: 'a', baseVersion: 0, events: [e1] }));
      await expect(
        server.push(
          push(
            { stream: 'b', baseVersion: 0, events: [wireEvent()] },
            { stream: 'a', baseVersion: 0, events: [{ ...e1, data: { n: 2 } }] },
          ),
        ),
      ).rejects.toMatchObject({ name: 'ValidationError', field: 'streams[1].events[0].id' });
      await expect(
        server.push(push({ stream: 'c', baseVersion: 0, events: [e1] })),
      ).rejects.toMatchObject({ name: 'ValidationError' });
      expect((await server.pull({ after: 0, limit: 10 })).events).toHaveLength(1);
    });

    it('pulls in pages with a cursor', async () => {
      const server = createSyncServer(storageFactory());
      await server.push(
        push({ stream: 'a', baseVersion: 0, events: [wireEvent(), wireEvent(), wireEvent()] }),
      );
      const first = await server.pull({ after: 0, limit: 2 });
      expect(first).toMatchObject({ nextCursor: 2, hasMore: true });
      const second = await server.pull({ after: first.nextCursor, limit: 2 });
      expect(second).toMatchObject({ nextCursor: 3, hasMore: false });
      expect(second.events.map((e) => e.position)).toEqual([3]);
      expect(await server.pull({ after: 3, limit: 2 })).toEqual({
        events: [],
        nextCursor: 3,
        hasMore: false,
      });
    });
  });
}
