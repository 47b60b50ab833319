import { type ClientSyncOptions, connectLogbook, type LogbookClient } from 'logbook/client';
import type { ShopDomain } from '../../domain/shop';
import type { Person } from '../../people';
import type { ShopWorkerCalls } from '../../shop.worker';
import { databaseName } from '../device';
import { devTokenSource } from './devTokenSource';
import type { SyncMode } from './syncMode';
import { workerNameOf } from './workerSetup';

export type ShopClient = LogbookClient<ShopDomain, ShopWorkerCalls>;

/**
 * Opens `person`'s store on `device` (one database per person per device, so a device never shows
 * one person's data to another) in a new shop worker, which syncs their shops: with the mock in
 * this browser, or with the real server that serves the page, with development tokens.
 */
export function connectShop({
  device,
  person,
  mode,
  tokenSeconds,
}: {
  device: string;
  person: Person;
  mode: SyncMode;
  tokenSeconds?: number;
}): Promise<ShopClient> {
  const worker = new Worker(new URL('../../shop.worker.ts', import.meta.url), {
    type: 'module',
    name: workerNameOf({ mode }),
  });
  return connectLogbook<ShopDomain, ShopWorkerCalls>(worker, {
    name: databaseName(device, person.id),
    ...(mode === 'off' ? {} : { sync: shopSync(person, mode, tokenSeconds) }),
  });
}

/** The person's shops; on the real server, with development tokens for them. */
function shopSync(person: Person, mode: SyncMode, tokenSeconds?: number): ClientSyncOptions {
  if (mode !== 'server') return { scopes: person.shops };
  const lifetime = tokenSeconds ? { lifetimeSeconds: tokenSeconds } : {};
  return { scopes: person.shops, token: devTokenSource(person, lifetime) };
}
