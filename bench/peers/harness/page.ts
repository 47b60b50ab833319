import type { TaskPeer } from '../taskPeer';
import { PEERS, type PeerName } from './registry';
import * as workloads from './workloads';

/** What the Node runner calls in a peer's page (`window.peerBench`). */
export interface PeerBenchPage {
  label: string;
  traits: TaskPeer['traits'];
  seed(name: string, range: [number, number], lists: number, batch: number): Promise<number>;
  /** The cold start this page was opened for (`?cold=<store>&list=<list>`). */
  coldStart(): Promise<{ answeredAt: number; tasks: number }>;
  roundTrips(name: string, count: number): Promise<number[]>;
  burst(name: string, count: number, lists: number): Promise<number>;
  batches(name: string, count: number, size: number): Promise<number>;
  listenAcrossTabs(name: string, count: number): Promise<void>;
  arrivals(): Promise<number[]>;
  /** Leaves the store open: the receiver may not have every write yet. */
  sendAcrossTabs(name: string, count: number, gapMs: number): Promise<number[]>;
  closeStore(): Promise<void>;
  touch(name: string): Promise<void>;
  /** Runs the peer conformance check (bench/peers/conformance.ts) on the peer. */
  conform(): Promise<void>;
}

function benchPage(peer: TaskPeer, params: URLSearchParams): PeerBenchPage {
  // Started as the module loads, so nothing but the page's own loading comes before it.
  const cold = params.has('cold')
    ? workloads.coldStart(peer, params.get('cold') as string, params.get('list') as string)
    : undefined;
  let arrivals: Promise<number[]> | undefined;
  return {
    label: peer.label,
    traits: peer.traits,
    seed: (name, range, lists, batch) => workloads.seed(peer, name, range, lists, batch),
    coldStart: () => cold ?? Promise.reject(new Error('This page was not opened with ?cold=')),
    roundTrips: (name, count) => workloads.roundTrips(peer, name, count),
    burst: (name, count, lists) => workloads.burst(peer, name, count, lists),
    batches: (name, count, size) => workloads.batches(peer, name, count, size),
    async listenAcrossTabs(name, count) {
      arrivals = (await workloads.listenAcrossTabs(peer, name, count)).arrivals;
    },
    arrivals: () => arrivals ?? Promise.reject(new Error('listenAcrossTabs first')),
    sendAcrossTabs: (name, count, gapMs) => workloads.sendAcrossTabs(peer, name, count, gapMs),
    closeStore: () => peer.close(),
    touch: (name) => workloads.touch(peer, name),
    // Loaded only when asked, so the check counts in no page's size.
    conform: async () => (await import('../conformance')).checkPeer(peer),
  };
}

const params = new URLSearchParams(location.search);
const name = params.get('peer') as PeerName | null;
const page = window as unknown as { peerBench?: PeerBenchPage; peerBenchReady: Promise<void> };
page.peerBenchReady = name
  ? PEERS[name]().then(({ createPeer }) => {
      page.peerBench = benchPage(createPeer(), params);
    })
  : Promise.resolve();
