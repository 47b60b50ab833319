import type { SyncStorage } from '../../src/server/syncStorage';
import { itemAdded } from '../../test/node/server/process/wire';
import { inParallel } from './load';

/**
 * The storage's own rate, in this process with no HTTP, auth or validation: what the server's
 * push and pull are measured against. Appends `total` events in batches of `perPush`, one stream
 * per scope; then reads them all back a page at a time.
 */
export async function storageFloor(
  storage: SyncStorage,
  {
    total,
    perPush,
    scopes,
    concurrency,
    pageSize,
  }: {
    total: number;
    perPush: number;
    scopes: number;
    concurrency: number;
    pageSize: number;
  },
) {
  const names = Array.from({ length: scopes }, (_, i) => `floor-${i}`);
  const versions = new Map(names.map((name) => [name, 0]));
  const pushes = Math.ceil(total / perPush);
  const started = performance.now();
  const pushScopes = Array.from({ length: pushes }, (_, i) => names[i % scopes] as string);
  await inParallel(pushScopes, concurrency, async (scope) => {
    await storage.exclusive(scope, async (tx) => {
      const base = versions.get(scope) ?? 0;
      versions.set(scope, base + perPush);
      await tx.append(
        Array.from({ length: perPush }, (_, k) => ({
          ...itemAdded('floor', scope),
          stream: `cart-${scope}`,
          version: base + k + 1,
        })),
      );
    });
  });
  const pushMs = performance.now() - started;
  const readStarted = performance.now();
  let read = 0;
  await inParallel(names, concurrency, async (scope) => {
    for (let after = 0; ; ) {
      const page = await storage.readAfter(scope, after, pageSize);
      read += page.length;
      if (page.length < pageSize) break;
      after = page.at(-1)?.position ?? after;
    }
  });
  return {
    push: { events: pushes * perPush, ms: pushMs },
    pull: { events: read, ms: performance.now() - readStarted },
  };
}
