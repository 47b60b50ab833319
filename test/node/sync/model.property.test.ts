import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE } from '../../../src/core/syncProtocol';
import { type ShopCommand, shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { setupMockSyncServer } from '../../../src/mocks/node';
import { logRows } from '../../../src/testing/simulationChecks';
import { catalogItem } from '../../shopArbitraries';
import { addItem } from '../../shopFixtures';
import { storedRows } from '../storedRows';
import { type LoggedEvent, replayThroughDeciders } from './deciderReplay';
import { expectConverged, syncUntilQuiet } from './devices';
import {
  closeWorld,
  Execute,
  type Model,
  type Move,
  modelSteps,
  openWorld,
  releaseAll,
  StartSync,
  type World,
} from './modelSteps';
import { logInReplayOrder } from './replay';

const mock = setupMockSyncServer();
beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mock.server.close());

/** Devices A, B, C with two tabs, one tab and two tabs; each device's first tab syncs. */
const TABS = [2, 1, 2];
/** `LOGBOOK_MODEL_RUNS=500` for a longer run than CI's. */
const RUNS = Number(process.env.LOGBOOK_MODEL_RUNS ?? 100);
/** A run takes well under a second: the rest of the limit is for shrinking a failure. */
const TIME_LIMIT_MS = 60_000 + RUNS * 2_000;

const flatWhite = catalogItem('flat-white');
const once = (command: ShopCommand): Move => ({ tab: 0, candidates: [command] });
const checkOut = {
  type: 'CheckOut',
  data: { shopId: DEFAULT_SHOP, cartId: 'c1', orderId: 'o1' },
} as const;

/**
 * The first counterexample this property found, tried first on every run: B checks out cart c1
 * while A edits it offline; A's sync rejects those edits, and an addition A makes while that
 * sync's answer lands is stored after the check-out.
 */
const firstFound = () => [
  new Execute(0, [once(addItem('c1', catalogItem('espresso'), 1))], 0, false),
  new StartSync(0),
  new Execute(1, [once(addItem('c1', flatWhite, 1))], 0, true),
  new Execute(1, [once(checkOut)], 1, false),
  new Execute(
    0,
    [
      once(addItem('c2', flatWhite, 1)),
      once({
        type: 'RemoveItem',
        data: { shopId: DEFAULT_SHOP, cartId: 'c1', productId: 'espresso' },
      }),
    ],
    2,
    false,
  ),
  new Execute(0, [once(addItem('c1', flatWhite, 1))], 1, false),
  new Execute(0, [once(checkOut)], 0, false),
];

function expectReplays(where: string, log: readonly LoggedEvent[], model: Model) {
  expect(replayThroughDeciders(shopDomain, log, model.issued), where).toEqual([]);
}

async function expectDevicesReplay({ devices }: World, model: Model) {
  for (const { name, store } of devices) {
    expectReplays(`log of ${name}`, await logInReplayOrder(store), model);
  }
}

async function expectSettled(world: World, model: Model) {
  await syncUntilQuiet(world.devices, 8);
  const serverLog = await mock.storage.readAfter(DEFAULT_SCOPE, 0, 100_000);
  expectReplays('server log', serverLog, model);
  await expectDevicesReplay(world, model);
  await expectConverged(world.devices);
  for (const { name, store } of world.devices) {
    expect(await logRows(store), `log of ${name} against the server's`).toEqual(
      serverLog.map((e) => [e.id, e.stream, e.version, e.position, e.type, e.data]),
    );
    expect((await store.syncSummary()).status, `sync status of ${name}`).toMatchObject({
      state: 'idle',
      lastError: null,
    });
  }
  for (const { name, database } of world.devices) {
    expect(await keptUnsettledState(database), `what ${name} keeps for unsettled events`).toEqual({
      bases: 0,
      marked: 0,
    });
  }
}

/**
 * What a database keeps only while events are unsettled: the views' bases, and the views marked
 * as created by them (`baseAbsent`). Read past the store: its API shows neither.
 */
async function keptUnsettledState(database: string) {
  const [views, bases] = await Promise.all([
    storedRows(database, 'views'),
    storedRows(database, 'viewBases'),
  ]);
  return { bases: bases.length, marked: views.filter((row) => row.baseAbsent).length };
}

describe('devices and tabs issuing commands while they sync (model-based property)', () => {
  it(
    'every stream, on the server and on every device, replays through its decider',
    async () => {
      await fc.assert(
        fc.asyncProperty(modelSteps(TABS), async (steps) => {
          mock.reset();
          const model: Model = { issued: new Map() };
          const world = await openWorld(TABS);
          try {
            await fc.asyncModelRun(() => ({ model, real: world }), steps);
            // Pending work included, each device's log holds only decisions on what it saw.
            await releaseAll(world);
            await expectDevicesReplay(world, model);
            await expectSettled(world, model);
          } finally {
            await closeWorld(world);
          }
        }),
        {
          numRuns: RUNS,
          examples: [[firstFound()]],
          plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
        },
      );
    },
    TIME_LIMIT_MS + 30_000,
  );
});
