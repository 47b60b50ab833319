import type { PeerFactory } from '../taskPeer';

/**
 * The peers the harness measures, each loaded only by its own page (`?peer=name`): adding one is
 * adding its line here.
 */
export const PEERS = {
  logbook: () => import('../logbook/peer'),
  dexie: () => import('../dexie/peer'),
  rxdb: () => import('../rxdb/peer'),
  replicache: () => import('../replicache/peer'),
  livestore: () => import('../livestore/peer'),
} satisfies Record<string, () => Promise<{ createPeer: PeerFactory }>>;

export type PeerName = keyof typeof PEERS;
export const PEER_NAMES = Object.keys(PEERS) as PeerName[];
