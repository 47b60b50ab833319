import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyProjection, ProjectionName } from '../../../src/core/domain';
import { type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { openStore } from '../../../worker/store/openStore';
import { shopHistory } from './shopHistory';

let runs = 0;
type Snapshot = {
  position: number;
  at: number;
  views: Record<string, unknown[]>;
  carts: Record<string, unknown>;
};

describe('temporal queries (property)', () => {
  it('the state at every point of a random history equals what the store showed at that point', async () => {
    await fc.assert(
      fc.asyncProperty(shopHistory, async (commands) => {
        const store = await openStore({ name: `temporal-${++runs}`, domain: shopDomain });
        const snapshots: Snapshot[] = [];
        for (const command of commands) {
          await store
            .execute(command)
            .catch((error: Error) => expect(error.name).toBe('CommandRejectedError'));
          const views: Record<string, unknown[]> = {};
          for (const projection of shopDomain.projections as readonly AnyProjection[]) {
            views[projection.name] = await store.list(
              projection.name as ProjectionName<ShopDomain>,
            );
          }
          const carts: Record<string, unknown> = {};
          for (const cartId of ['c1', 'c2']) {
            carts[cartId] = await store.aggregateStateAt('cart', `cart-${cartId}`, {
              version: (await store.readStream(`cart-${cartId}`)).length,
            });
          }
          const log = await store.readAll({ limit: 10_000 });
          snapshots.push({
            position: await store.headPosition(),
            at: log.events.at(-1)?.metadata.recordedAt ?? 0,
            views,
            carts,
          });
        }
        for (const snapshot of snapshots) {
          for (const projection of shopDomain.projections as readonly AnyProjection[]) {
            const name = projection.name as ProjectionName<ShopDomain>;
            expect(await store.projectionAt(name, { position: snapshot.position })).toEqual(
              snapshot.views[name],
            );
          }
        }
        const final = snapshots.at(-1) as Snapshot;
        expect(await store.projectionAt('carts', { at: final.at })).toEqual(final.views.carts);
        expect(await store.projectionAt('carts', { at: 0 })).toEqual([]);
        for (const cartId of ['c1', 'c2']) {
          const stream = await store.readStream(`cart-${cartId}`);
          for (const snapshot of snapshots) {
            const versionThen = stream.filter(
              (event) => event.position <= snapshot.position,
            ).length;
            expect(
              await store.aggregateStateAt('cart', `cart-${cartId}`, { version: versionThen }),
            ).toEqual(snapshot.carts[cartId]);
          }
        }
        await store.close();
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
