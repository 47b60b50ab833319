import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/core/limits';
import { shopDomain } from '../../../src/demo/domain/shop';
import { syncServerOptionsOf } from '../../../src/server/syncServer';
import {
  type MakeSyncStorage,
  storageFor,
} from '../../../src/testing/conformance/syncStorage/fixtures';
import { scopeRules } from './scopeRules';
import { serverOn } from './serverOn';
import { itemAdded, push, wireEvent } from './wire';

const shopRules = syncServerOptionsOf(shopDomain);

/** `{ a: { a: ... } }`, `levels` objects deep. */
const nested = (levels: number) =>
  JSON.parse(`${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`);

/**
 * The server's promises, written once and run against every storage. Its tests use the same
 * names (scope, devices, streams): on a database shared by the tests, empty it before each.
 */
export function syncServerConformance(name: string, makeStorage: MakeSyncStorage) {
  describe(`sync server on ${name}`, () => {
    const storageFactory = storageFor(makeStorage);
    it('accepts a batch on the stream’s current version, with versions and positions in the scope', async () => {
      const server = serverOn(await storageFactory());
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
      const server = serverOn(await storageFactory());
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
      const server = serverOn(await storageFactory());
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
      const server = serverOn(await storageFactory());
      const batch = { stream: 'a', baseVersion: 0, events: [wireEvent(), wireEvent()] };
      const original = await server.push(push(batch));
      await server.push(push({ stream: 'b', baseVersion: 0, events: [wireEvent()] }));
      expect(await server.push(push(batch))).toEqual(original);
      expect((await server.pull({ after: 0, limit: 10 })).events).toHaveLength(3);
    });

    it('acknowledges a stored prefix and appends the events after it', async () => {
      const server = serverOn(await storageFactory());
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
      const server = serverOn(await storageFactory());
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
      const server = serverOn(await storageFactory());
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

    it('refuses the same stream twice in one push, and stores nothing of it', async () => {
      const server = serverOn(await storageFactory());
      await server.push(push({ stream: 'a', baseVersion: 0, events: [wireEvent(), wireEvent()] }));
      await expect(
        server.push(
          push(
            { stream: 'b', baseVersion: 0, events: [wireEvent()] },
            { stream: 'a', baseVersion: 2, events: [wireEvent()] },
            { stream: 'a', baseVersion: 2, events: [wireEvent()] },
          ),
        ),
      ).rejects.toMatchObject({ name: 'ValidationError', field: 'streams[2].stream' });
      const { events } = await server.pull({ after: 0, limit: 10 });
      expect(events.map((e) => [e.stream, e.version])).toEqual([
        ['a', 1],
        ['a', 2],
      ]);
    });

    it('acknowledges a retry whose data has a constructor key as the original', async () => {
      const server = serverOn(await storageFactory());
      const event = wireEvent({ constructor: { name: 'x' }, tags: { constructor: ['y'] } });
      const batch = { stream: 'a', baseVersion: 0, events: [event] };
      const original = await server.push(push(batch));
      const retry = push({ ...batch, events: [JSON.parse(JSON.stringify(event))] });
      expect(await server.push(retry)).toEqual(original);
      expect((await server.pull({ after: 0, limit: 10 })).events).toHaveLength(1);
    });

    it('refuses malformed events per event, stores nothing of their batch, and accepts the rest', async () => {
      const server = serverOn(await storageFactory(), shopRules);
      const [good, empty, named, unknown, other] = [
        itemAdded('c1'),
        wireEvent({}, 'ItemAdded'),
        wireEvent({}, 'toString'),
        wireEvent({}, 'NoSuchEvent'),
        itemAdded('c2'),
      ];
      const { results } = await server.push(
        push(
          { stream: 'cart-c1', baseVersion: 0, events: [good, empty] },
          { stream: 'cart-c2', baseVersion: 0, events: [other] },
          { stream: 'cart-c3', baseVersion: 0, events: [named, unknown] },
        ),
      );
      expect(results).toEqual([
        {
          stream: 'cart-c1',
          status: 'refused',
          events: [
            {
              id: empty.id,
              error: 'ValidationError',
              reason: expect.any(String),
              field: 'streams[0].events[1].data.cartId',
            },
          ],
        },
        {
          stream: 'cart-c2',
          status: 'accepted',
          events: [{ id: other.id, version: 1, position: 1 }],
        },
        {
          stream: 'cart-c3',
          status: 'refused',
          events: [
            expect.objectContaining({ id: named.id, field: 'streams[2].events[0].type' }),
            expect.objectContaining({ id: unknown.id, field: 'streams[2].events[1].type' }),
          ],
        },
      ]);
      expect((await server.pull({ after: 0, limit: 10 })).events.map((e) => e.id)).toEqual([
        other.id,
      ]);
    });

    it('holds back the other batches of a refused batch’s group, as refused with no events', async () => {
      const server = serverOn(await storageFactory(), shopRules);
      const { results } = await server.push(
        push(
          {
            stream: 'cart-c1',
            baseVersion: 0,
            events: [wireEvent({}, 'CartCheckedOut')],
            group: 0,
          },
          { stream: 'order-o1', baseVersion: 5, events: [wireEvent({}, 'OrderPaid')], group: 0 },
          { stream: 'order-o2', baseVersion: 0, events: [itemAdded()], group: 0 },
          { stream: 'cart-c2', baseVersion: 0, events: [itemAdded('c2')], group: 1 },
        ),
      );
      expect(
        results.map((r) => [r.stream, r.status, 'events' in r ? r.events.length : null]),
      ).toEqual([
        ['cart-c1', 'refused', 1],
        ['order-o1', 'refused', 1],
        ['order-o2', 'refused', 0],
        ['cart-c2', 'accepted', 1],
      ]);
      expect((await server.pull({ after: 0, limit: 10 })).events).toHaveLength(1);
    });

    it('refuses own __proto__ keys and data nested too deep, rather than storing what it cannot keep', async () => {
      const server = serverOn(await storageFactory());
      const proto = wireEvent(JSON.parse('{"note":"hi","__proto__":{"admin":true}}'));
      const deep = wireEvent(nested(LIMITS.maxJsonDepth + 1));
      const { results } = await server.push(
        push(
          { stream: 'a', baseVersion: 0, events: [proto] },
          { stream: 'b', baseVersion: 0, events: [deep] },
          { stream: 'c', baseVersion: 0, events: [wireEvent(nested(LIMITS.maxJsonDepth))] },
        ),
      );
      expect(results).toEqual([
        {
          stream: 'a',
          status: 'refused',
          events: [expect.objectContaining({ field: 'streams[0].events[0].data.__proto__' })],
        },
        {
          stream: 'b',
          status: 'refused',
          events: [expect.objectContaining({ id: deep.id, error: 'ValidationError' })],
        },
        expect.objectContaining({ stream: 'c', status: 'accepted' }),
      ]);
    });

    it('checks events of an older schema version in their current shape', async () => {
      const server = serverOn(await storageFactory(), shopRules);
      const { cartId, productId, name, price, quantity } = itemAdded().data as {
        cartId: string;
        productId: string;
        name: string;
        price: { amount: number };
        quantity: number;
      };
      const v1 = (data: object) => {
        const event = wireEvent(data, 'ItemAdded');
        return { ...event, metadata: { ...event.metadata, schemaVersion: 1 } };
      };
      const { results } = await server.push(
        push(
          {
            stream: 'cart-c1',
            baseVersion: 0,
            events: [v1({ cartId, productId, name, unitPrice: price.amount, quantity })],
          },
          {
            stream: 'cart-c2',
            baseVersion: 0,
            events: [v1({ cartId, productId, name, quantity })],
          },
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['accepted', 'refused']);
    });

    it('acknowledges a retry of events stored before the rules, rather than refusing them', async () => {
      const storage = await storageFactory();
      const batch = { stream: 'cart-c1', baseVersion: 0, events: [wireEvent({}, 'ItemAdded')] };
      const original = await serverOn(storage).push(push(batch));
      expect(await serverOn(storage, shopRules).push(push(batch))).toEqual(original);
    });
    scopeRules(storageFactory);
  });
}
