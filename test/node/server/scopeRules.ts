import { describe, expect, it } from 'vitest';
import type { PushRequest } from '../../../src/core/syncProtocol';
import type { SyncStorage } from '../../../src/server/syncStorage';
import { serverOn } from './serverOn';
import { push, SCOPE, wireEvent } from './wire';

const OTHER_SCOPE = 'shop-2';

/** A push of the tests' device into another scope. */
const pushTo = (scope: string, ...streams: PushRequest['streams']): PushRequest => ({
  ...push(...streams),
  scope,
});

/** A push as another device, its events recorded by that device. */
function pushAs(clientId: string, ...streams: PushRequest['streams']): PushRequest {
  const own = streams.map((batch) => ({
    ...batch,
    events: batch.events.map((event) => ({ ...event, metadata: { ...event.metadata, clientId } })),
  }));
  return { ...push(...own), clientId };
}

/** The server's rules of scopes and devices. */
export function scopeRules(storageFactory: () => Promise<SyncStorage>) {
  describe('scopes and devices', () => {
    it('numbers each scope’s positions from 1 and pulls a scope’s events only', async () => {
      const server = serverOn(await storageFactory());
      const [mine, theirs] = [wireEvent(), wireEvent()];
      await server.push(push({ stream: 'a', baseVersion: 0, events: [mine] }));
      const { results } = await server.push(
        pushTo(OTHER_SCOPE, { stream: 'b', baseVersion: 0, events: [theirs] }),
      );
      expect(results).toEqual([
        { stream: 'b', status: 'accepted', events: [{ id: theirs.id, version: 1, position: 1 }] },
      ]);
      const ids = async (scope: string) =>
        (await server.pull({ scope, after: 0, limit: 10 })).events.map((event) => event.id);
      expect(await ids(SCOPE)).toEqual([mine.id]);
      expect(await ids(OTHER_SCOPE)).toEqual([theirs.id]);
    });

    it('refuses a batch for a stream of another scope per event, with its group, and accepts the rest', async () => {
      const server = serverOn(await storageFactory());
      await server.push(push({ stream: 'a', baseVersion: 0, events: [wireEvent()] }));
      const [a2, a3, grouped, alone] = [wireEvent(), wireEvent(), wireEvent(), wireEvent()];
      const { results } = await server.push(
        pushTo(
          OTHER_SCOPE,
          { stream: 'a', baseVersion: 1, events: [a2, a3], group: 0 },
          { stream: 'b', baseVersion: 0, events: [grouped], group: 0 },
          { stream: 'c', baseVersion: 0, events: [alone] },
        ),
      );
      const refusal = (id: string) => ({
        id,
        error: 'ValidationError',
        field: 'streams[0].stream',
        reason: `belongs to another scope, not "${OTHER_SCOPE}"`,
      });
      expect(results).toEqual([
        { stream: 'a', status: 'refused', events: [refusal(a2.id), refusal(a3.id)] },
        { stream: 'b', status: 'refused', events: [] },
        { stream: 'c', status: 'accepted', events: [{ id: alone.id, version: 1, position: 1 }] },
      ]);
      const stored = await server.pull({ scope: OTHER_SCOPE, after: 0, limit: 10 });
      expect(stored.events.map((event) => event.id)).toEqual([alone.id]);
      expect((await server.pull({ after: 0, limit: 10 })).events).toHaveLength(1);
    });

    it('refuses a retry into another scope of events stored in theirs', async () => {
      const server = serverOn(await storageFactory());
      const batch = { stream: 'a', baseVersion: 0, events: [wireEvent()] };
      await server.push(push(batch));
      const { results } = await server.push(pushTo(OTHER_SCOPE, batch));
      expect(results).toEqual([
        expect.objectContaining({ stream: 'a', status: 'refused', events: [expect.anything()] }),
      ]);
      expect((await server.pull({ scope: OTHER_SCOPE, after: 0, limit: 10 })).events).toEqual([]);
    });

    it('refuses per event what another device recorded, and accepts the rest', async () => {
      const server = serverOn(await storageFactory());
      const own = wireEvent();
      const forged = { ...wireEvent(), metadata: { ...own.metadata, clientId: 'device-b' } };
      const other = wireEvent();
      const { results } = await server.push(
        push(
          { stream: 'a', baseVersion: 0, events: [own, forged] },
          { stream: 'b', baseVersion: 0, events: [other] },
        ),
      );
      expect(results).toEqual([
        {
          stream: 'a',
          status: 'refused',
          events: [
            {
              id: forged.id,
              error: 'ValidationError',
              field: 'streams[0].events[1].metadata.clientId',
              reason: 'is "device-b", but the push is from device "device-a"',
            },
          ],
        },
        expect.objectContaining({ stream: 'b', status: 'accepted' }),
      ]);
      expect((await server.pull({ after: 0, limit: 10 })).events.map((e) => e.id)).toEqual([
        other.id,
      ]);
    });

    it('forbids a push as a device another user pushed as first, storing nothing of it', async () => {
      const server = serverOn(await storageFactory());
      await server.push(pushAs('phone', { stream: 'a', baseVersion: 0, events: [wireEvent()] }));
      await expect(
        server.push(pushAs('phone', { stream: 'b', baseVersion: 0, events: [wireEvent()] }), {
          sub: 'mallory',
        }),
      ).rejects.toMatchObject({ name: 'ForbiddenError', sub: 'mallory', scope: null });
      await server.push(pushAs('laptop', { stream: 'c', baseVersion: 0, events: [wireEvent()] }), {
        sub: 'mallory',
      });
      await server.push(pushAs('phone', { stream: 'd', baseVersion: 0, events: [wireEvent()] }));
      const streams = (await server.pull({ after: 0, limit: 10 })).events.map((e) => e.stream);
      expect(streams).toEqual(['a', 'c', 'd']);
    });

    it('claims a device only with a push that goes through', async () => {
      const server = serverOn(await storageFactory());
      const stored = wireEvent({ n: 1 });
      await server.push(pushAs('laptop', { stream: 'a', baseVersion: 0, events: [stored] }));
      // Refused whole (a stored id with other content): the device stays unclaimed.
      const changed = { ...stored, data: { n: 2 } };
      await expect(
        server.push(pushAs('phone', { stream: 'a', baseVersion: 0, events: [changed] })),
      ).rejects.toMatchObject({ name: 'ValidationError' });
      const { results } = await server.push(
        pushAs('phone', { stream: 'b', baseVersion: 0, events: [wireEvent()] }),
        { sub: 'bob' },
      );
      expect(results).toEqual([expect.objectContaining({ stream: 'b', status: 'accepted' })]);
    });

    it('claims no device with a push whose every event is refused', async () => {
      const storage = await storageFactory();
      const server = serverOn(storage);
      const forged = { ...wireEvent(), metadata: { ...wireEvent().metadata, clientId: 'laptop' } };
      const { results } = await server.push({
        ...push({ stream: 'a', baseVersion: 0, events: [forged] }),
        clientId: 'phone',
      });
      expect(results).toEqual([expect.objectContaining({ stream: 'a', status: 'refused' })]);
      expect(await storage.exclusive(SCOPE, (tx) => tx.deviceOwner('phone'))).toBeNull();
      const { results: bobs } = await server.push(
        pushAs('phone', { stream: 'b', baseVersion: 0, events: [wireEvent()] }),
        { sub: 'bob' },
      );
      expect(bobs).toEqual([expect.objectContaining({ stream: 'b', status: 'accepted' })]);
    });
  });
}
