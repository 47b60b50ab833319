import { createSyncEngine, type SyncEngine } from '../../worker/sync/syncEngine';
import type { SyncTransport } from '../../worker/sync/syncHttp';
import type { Domain } from '../core/domain';
import { SyncHttpError, SyncNetworkError } from '../core/errors';
import type { LocalStore, SyncReport } from '../core/store';
import type { ServerEvent } from '../core/syncProtocol';
import { DEFAULT_SCOPE, MAX_PULL_LIMIT } from '../core/syncProtocol';
import { openAccess } from '../server/app/auth';
import { createSyncApp } from '../server/app/createSyncApp';
import { memoryStorage } from '../server/memoryStorage';
import {
  createSyncServer,
  type SyncServerOptions,
  syncServerOptionsOf,
} from '../server/syncServer';
import { createTestStore } from './createTestStore';
import { seededRandom } from './seededRandom';
import { SettleError } from './settleError';
import { type SimulatedClock, simulatedClock } from './simulatedClock';
import {
  type NetworkFaults,
  type NetworkTrace,
  noNetworkFaults,
  simulatedFetch,
} from './simulatedNetwork';
import { assertConvergedWith, assertNothingLostOrDuplicatedOn } from './simulationChecks';

export interface SimulationOptions<D extends Domain> {
  domain: D;
  /** How many devices, each with its own store and network. */
  devices: number;
  /** Seeds every device's dice: the same seed and the same steps give the same run. Default 1. */
  seed?: number;
  /** Every device's faults to start with (each device keeps its own copy). None by default. */
  faults?: Partial<NetworkFaults>;
  /** The time stores record on events; a clock standing at 2026-01-01 by default. */
  clock?: SimulatedClock;
  /** The server's rules; by default the domain's (`syncServerOptionsOf(domain)`). */
  server?: SyncServerOptions;
}

export interface SimulatedDevice<D extends Domain> {
  /** A, B, C... */
  name: string;
  store: LocalStore<D>;
  /** Never started: no timers. Call `syncNow()`, or let `settle()` do it. */
  sync: SyncEngine;
  /** This device's network; change the fields at any time. */
  faults: NetworkFaults;
  /** Every request this device sent, and what the network did to it. */
  trace: NetworkTrace[];
  /** This device's network, for a test that sends requests of its own. */
  transport: SyncTransport;
}

export interface Simulation<D extends Domain> {
  devices: SimulatedDevice<D>[];
  clock: SimulatedClock;
  /** The server's log of the devices' scope, in server order, as a pull serves it. */
  serverLog(): Promise<ServerEvent[]>;
  /**
   * Syncs every device in turn, round after round, until each one's last sync went well and did
   * nothing, with no sync doing work since (so all are caught up). Failures the network's faults
   * cause are tried again next round, any other failure is thrown. Throws `SettleError` after
   * `rounds` (default 20). `order` lists which devices sync each round, by index, in turn
   * (default all, in order).
   */
  settle(options?: { rounds?: number; order?: number[] }): Promise<void>;
  /** Every device holds the server's log, in server order, and projections equal to its replay. */
  assertConverged(): Promise<void>;
  /**
   * Each issued command (by id) is on the server or rejected on a device, never both; no event
   * is twice on the server or on a device.
   */
  assertNothingLostOrDuplicated(issuedCommandIds: Iterable<string>): Promise<void>;
  close(): Promise<void>;
}

const SERVER_URL = 'http://sync.simulated';

const idle = (report: SyncReport) =>
  report.pushed === 0 &&
  report.pulled === 0 &&
  report.rebased === 0 &&
  report.rejected.length === 0;

/** What the network's faults can cause: a lost request or answer, or a 500. */
const causedByFaults = (error: unknown) =>
  error instanceof SyncNetworkError || (error instanceof SyncHttpError && error.status >= 500);

/**
 * N devices with their own stores (fresh databases), one in-memory sync server running the real
 * server logic, and a simulated network per device whose faults are drawn from a seed.
 */
export async function createSimulation<const D extends Domain>(
  options: SimulationOptions<D>,
): Promise<Simulation<D>> {
  const { domain, seed = 1 } = options;
  const clock = options.clock ?? simulatedClock();
  const storage = memoryStorage();
  const rules = options.server ?? syncServerOptionsOf(domain);
  const server = createSyncServer(storage, rules);
  const app = createSyncApp({ storage, auth: openAccess(), ...rules });
  const devices = await Promise.all(
    Array.from({ length: options.devices }, async (_, i): Promise<SimulatedDevice<D>> => {
      const store = await createTestStore(domain, { clock });
      const faults = { ...noNetworkFaults(), ...options.faults };
      const trace: NetworkTrace[] = [];
      // Each device its own dice, so how devices interleave never changes what each one draws.
      const random = seededRandom(seed * 7919 + i);
      const transport = {
        fetch: simulatedFetch(app, faults, random, trace),
        url: SERVER_URL,
        scope: DEFAULT_SCOPE,
      };
      const sync = createSyncEngine({
        store,
        fetch: transport.fetch,
        url: transport.url,
        scopes: [transport.scope],
        scopeOf: domain.scopeOf,
        intervalMs: 0,
        retry: { retries: 0, minTimeout: 1, maxTimeout: 1 },
      });
      return { name: String.fromCharCode(65 + i), store, sync, faults, trace, transport };
    }),
  );

  const serverLog = async () => {
    const events: ServerEvent[] = [];
    for (let after = 0, hasMore = true; hasMore; ) {
      const page = await server.pull({ scope: DEFAULT_SCOPE, after, limit: MAX_PULL_LIMIT });
      events.push(...page.events);
      ({ nextCursor: after, hasMore } = page);
    }
    return events;
  };

  return {
    devices,
    clock,
    serverLog,
    async settle({ rounds = 20, order = devices.map((_, i) => i) } = {}) {
      const syncing = order.map((i) => devices[i] as SimulatedDevice<D>);
      const lastErrors: Record<string, string> = {};
      // Devices whose last sync went well and did nothing, with no work done anywhere since.
      const caughtUp = new Set<string>();
      for (let round = 0; round < rounds; round++) {
        for (const device of syncing) {
          try {
            if (idle(await device.sync.syncNow())) caughtUp.add(device.name);
            else caughtUp.clear();
          } catch (error) {
            if (!causedByFaults(error)) throw error;
            lastErrors[device.name] = (error as Error).message;
            caughtUp.delete(device.name);
          }
          if (caughtUp.size === new Set(order).size) return;
        }
      }
      const pending: Record<string, number> = {};
      for (const device of devices)
        pending[device.name] = (await device.store.syncSummary()).pending;
      throw new SettleError({ rounds, pending, lastErrors });
    },
    assertConverged: async () => assertConvergedWith(await serverLog(), devices, domain),
    assertNothingLostOrDuplicated: async (issued) =>
      assertNothingLostOrDuplicatedOn(await serverLog(), devices, issued),
    async close() {
      for (const device of devices) {
        device.sync.stop();
        await device.store.close();
      }
    },
  };
}
