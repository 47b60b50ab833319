import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyProjection, ProjectionName } from '../../../src/core/domain';
import type { LocalStore } from '../../../src/core/store';
import { type ShopDomain, shopDomain } from '../../../src/demo/domain/shop';
import { exportAll } from '../../../src/testing/conformance/history';
import { openStore } from '../../../worker/store/openStore';
import { addItem } from '../../shopFixtures';
import { shopHistory } from './shopHistory';

let runs = 0;
const open = () => openStore({ name: `export-${++runs}`, domain: shopDomain });

async function everything(store: LocalStore<ShopDomain>) {
  const views: Record<string, unknown[]> = {};
  for (const projection of shopDomain.projections as readonly AnyProjection[]) {
    views[projection.name] = await store.list(projection.name as ProjectionName<ShopDomain>);
  }
  return { log: (await store.readAll({ limit: 10_000 })).events, views };
}

describe('export and import (NDJSON)', () => {
  it('an export imported into an empty store gives the same log and projections', async () => {
    await fc.assert(
      fc.asyncProperty(shopHistory, async (commands) => {
        const source = await open();
        for (const command of commands) await source.execute(command).catch(() => undefined);
        const copy = await open();
        const text = await exportAll(source, 7);
        expect(await copy.importLog(text)).toEqual({ imported: await source.headPosition() });
        expect(await everything(copy)).toEqual(await everything(source));
      }),
      { numRuns: 10 },
    );
  }, 60_000);

  it('refuses a corrupt file naming the line, and imports nothing', async () => {
    const source = await open();
    await source.execute(addItem('c', { productId: 'p', name: 'P', unitPrice: 1 }, 1));
    await source.execute(addItem('c', { productId: 'q', name: 'Q', unitPrice: 1 }, 1));
    const [first, second] = (await exportAll(source, 7)).trim().split('\n') as [string, string];
    const corrupt: [string, string, string][] = [
      ['not JSON', `${first}\n{"id": `, 'Line 2: is not valid JSON'],
      [
        'a missing field',
        `${first}\n${JSON.stringify({ ...JSON.parse(second), type: undefined })}`,
        'Line 2: type',
      ],
      [
        'a version gap',
        `${first}\n${JSON.stringify({ ...JSON.parse(second), version: 3 })}`,
        'Line 2: cart-c jumps to version 3',
      ],
      ['a repeated id', `${first}\n${first}`, 'Line 2: event'],
      ['a stream that does not start at 1', second, 'Line 1: cart-c jumps to version 2'],
    ];
    for (const [, text, message] of corrupt) {
      const target = await open();
      await expect(target.importLog(text)).rejects.toMatchObject({
        name: 'ImportError',
        message: expect.stringContaining(message),
      });
      expect(await target.headPosition()).toBe(0);
      expect(await target.list('carts')).toEqual([]);
    }
    await expect(source.importLog(`${first}\n`)).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'store',
    });
    expect(await source.headPosition()).toBe(2);
  });
});
