import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalStore } from '../../src/core/store';
import { SYNC_PATHS } from '../../src/core/syncProtocol';
import { DEFAULT_SHOP, type ShopDomain } from '../../src/demo/domain/shop';
import { openLive } from '../../test/node/server/process/liveStream';
import { devToken } from '../../test/node/server/process/serverProcess';
import { addItem } from '../../test/shopFixtures';
import { watchRead } from '../../worker/transport/liveReads';
import { type BenchDevice, openBenchDevice } from './benchDevice';
import { recordingFetch, type Timeline, type Trip } from './timeline';

/** The shop the commands write (`addItem`'s default): its scope is the one both devices sync. */
const SCOPE = DEFAULT_SHOP;
const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };
/** Longest a command may take to show on the other device before the run fails. */
const TRIP_TIMEOUT_MS = 30_000;

export interface PropagationRun {
  trips: Trip[];
  /** One HTTP round trip to the same server per command: an empty pull with the devices' token. */
  roundTrips: number[];
  timeline: Timeline;
}

/** Resolves when `check` holds, looking every few milliseconds, or rejects after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = TRIP_TIMEOUT_MS) {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(5);
  }
}

/** Resolves with the time B's live read of `cartId` first shows the cart (watchRead, as the UI's). */
function shown(store: LocalStore<ShopDomain>, cartId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Cart ${cartId} never reached the other device`));
    }, TRIP_TIMEOUT_MS);
    const stop = watchRead(store, { method: 'get', args: ['carts', cartId] }, (result) => {
      if ('error' in result) reject(new Error(result.error.message));
      else if ('value' in result && result.value !== undefined) {
        const at = performance.now();
        clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve(at);
      }
    });
  });
}

/** Whether the device has pushed all it has and is not syncing. */
async function quiet(device: BenchDevice) {
  const { pending, status } = await device.store.syncSummary();
  return pending === 0 && status.state === 'idle';
}

/**
 * Two devices on the server at `url`, syncing one scope with the defaults a user gets: `commands`
 * times, a command on A (a new cart each time) until B's live query shows it, the devices left
 * quiet for `pauseMs` between commands; then one empty pull for scale.
 */
export async function propagationRun(
  url: string,
  { commands, pauseMs, run }: { commands: number; pauseMs: number; run: number },
): Promise<PropagationRun> {
  const token = await devToken(url, 'bench-person', [SCOPE]);
  const timeline: Timeline = { a: [], b: [], notices: [] };
  const open = (name: string, sent: Timeline['a']) =>
    openBenchDevice(`propagation-${run}-${name}`, {
      url,
      scope: SCOPE,
      token,
      fetch: recordingFetch(sent),
    });
  const [a, b] = [await open('a', timeline.a), await open('b', timeline.b)];
  const listener = await openLive(url, token, SCOPE);
  let head = 0;
  const listening = (async () => {
    for (let notice = await listener.next(); notice; notice = await listener.next()) {
      timeline.notices.push(performance.now());
      head = Number(notice.id ?? head);
    }
  })();
  const trips: Trip[] = [];
  const roundTrips: number[] = [];
  try {
    const synced = async (device: BenchDevice) =>
      (await quiet(device)) && (await device.store.syncSummary()).status.lastSyncAt !== null;
    await until(
      'both devices have synced once',
      async () => (await synced(a)) && (await synced(b)),
    );
    for (let i = 0; i < commands; i++) {
      const cartId = `cart-${run}-${i}`;
      const showing = shown(b.store, cartId);
      const startedAt = performance.now();
      await a.store.execute(addItem(cartId, espresso, 1));
      trips.push({ startedAt, shownAt: await showing });
      await until('A has pushed and is idle', () => quiet(a));
      await sleep(pauseMs);
      roundTrips.push(await emptyPull(url, token, head));
    }
  } finally {
    await Promise.all([a.close(), b.close(), listener.close()]);
    await listening;
  }
  return { trips, roundTrips, timeline };
}

/** One raw HTTP round trip: a pull after the scope's head (nothing to send), read to the end. */
async function emptyPull(url: string, token: string, head: number): Promise<number> {
  const sent = performance.now();
  const response = await fetch(`${url}${SYNC_PATHS.pull}?scope=${SCOPE}&after=${head}&limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { events?: unknown[] };
  if (response.status !== 200 || body.events?.length !== 0) {
    throw new Error(`The empty pull was not: ${response.status} ${JSON.stringify(body)}`);
  }
  return performance.now() - sent;
}
