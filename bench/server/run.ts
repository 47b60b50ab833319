import { LIMITS } from '../../src/core/limits';
import type { SyncStorage } from '../../src/server/syncStorage';
import {
  type ServerProcess,
  startServerProcess,
} from '../../test/node/server/process/serverProcess';
import { createTestDatabase } from '../../test/node/server/process/testDatabase';
import { markdownTable } from '../report';
import { measuredNow, replaceReadmeSection, sizesMode, writeResultsJson } from '../resultsFiles';
import { percentile } from '../stats';
import { storageFloor } from './floor';
import {
  liveLatency,
  pullLoad,
  pushLoad,
  roundTrips,
  sampleMemory,
  simulatedDevices,
} from './load';

interface Sizes {
  devices: number;
  scopes: number;
  events: number;
  perPush: number;
  budgetMs: number;
  livePushes: number;
}

const FULL: Record<'postgres' | 'pglite', Sizes> = {
  postgres: {
    devices: 1000,
    scopes: 100,
    events: 1_000_000,
    perPush: 100,
    budgetMs: 240_000,
    livePushes: 200,
  },
  pglite: {
    devices: 100,
    scopes: 10,
    events: 100_000,
    perPush: 100,
    budgetMs: 90_000,
    livePushes: 100,
  },
};
const QUICK: Record<'postgres' | 'pglite', Sizes> = {
  postgres: {
    devices: 40,
    scopes: 4,
    events: 4_000,
    perPush: 50,
    budgetMs: 10_000,
    livePushes: 10,
  },
  pglite: { devices: 20, scopes: 2, events: 1_000, perPush: 50, budgetMs: 10_000, livePushes: 10 },
};

type Row = { setup: string; measure: string; value: string; baseline: string; target: string };

const rate = ({ events, ms }: { events: number; ms: number }) => (events / ms) * 1000;
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} events/s`;
const millis = (value: number) => `${value.toFixed(1)} ms`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** One setup measured: instances on one storage, the load, then the same storage's floor. */
async function measure(
  setup: string,
  instances: ServerProcess[],
  sizes: Sizes,
  floorStorage: () => Promise<SyncStorage>,
): Promise<Row[]> {
  const [first] = instances as [ServerProcess];
  console.log(`${setup}: ${sizes.devices} devices in ${sizes.scopes} scopes`);
  const devices = await simulatedDevices(first, sizes.devices, sizes.scopes);
  const memory = sampleMemory(instances);
  const pushed = await pushLoad(instances, devices, {
    total: sizes.events,
    perPush: sizes.perPush,
    concurrency: 32,
    budgetMs: sizes.budgetMs,
  });
  console.log(`${setup}: pushed ${pushed.events} events in ${Math.round(pushed.ms)} ms`);
  const pulled = await pullLoad(instances, devices, {
    concurrency: 8,
    pageSize: LIMITS.maxPullLimit,
  });
  const live = await liveLatency(instances, devices, {
    subscribersPerScope: 2,
    pushes: sizes.livePushes,
  });
  const trips = await roundTrips(first, 200);
  const peaks = await memory.stop();
  const storage = await floorStorage();
  const floor = await storageFloor(storage, {
    total: Math.min(pushed.events, 50_000),
    perPush: sizes.perPush,
    scopes: sizes.scopes,
    concurrency: 32,
    pageSize: LIMITS.maxPullLimit,
  });
  await storage.close();
  const share = (a: number, b: number) => `${(a / b).toFixed(2)}x of it`;
  return [
    {
      setup,
      measure: `push (${pushed.events.toLocaleString('en-US')} events, ${sizes.perPush} per push)`,
      value: perSecond(rate(pushed)),
      baseline: `storage alone: ${perSecond(rate(floor.push))} (${share(rate(pushed), rate(floor.push))})`,
      target: 'reported',
    },
    {
      setup,
      measure: `pull (every scope from the start, pages of ${LIMITS.maxPullLimit})`,
      value: perSecond(rate(pulled)),
      baseline: `storage alone: ${perSecond(rate(floor.pull))} (${share(rate(pulled), rate(floor.pull))})`,
      target: rate(pulled) >= 50_000 ? '>= 50k events/s: met' : '>= 50k events/s: **not met**',
    },
    {
      setup,
      measure: `live notice, push sent to every subscriber notified (${live.length} pushes, ${2 * Math.min(sizes.scopes, devices.length)} subscribers)`,
      value: `p50 ${millis(percentile(live, 50))}, p99 ${millis(percentile(live, 99))}`,
      baseline: `HTTP round trip (GET /healthz): p50 ${millis(percentile(trips, 50))}`,
      target: 'reported',
    },
    {
      setup,
      measure: 'memory per instance (peak resident)',
      value: peaks.map(megabytes).join(', '),
      baseline: '',
      target: 'reported',
    },
  ];
}

export async function main(args: string[]) {
  const quick = args.includes('--quick');
  const sizes = quick ? QUICK : FULL;
  const rows: Row[] = [];
  const databaseUrl = process.env.LOGBOOK_TEST_DATABASE_URL;
  const quiet = { LOGBOOK_REQUESTS_PER_MINUTE: '1000000' };
  if (databaseUrl) {
    const database = await createTestDatabase();
    const env = {
      ...quiet,
      DATABASE_URL: database.url,
      LOGBOOK_JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
    };
    const instances = [await startServerProcess(env)];
    instances.push(await startServerProcess(env));
    try {
      const { postgresStorage } = await import('../../src/server/sql/postgres');
      rows.push(
        ...(await measure('2 instances, Postgres', instances, sizes.postgres, async () =>
          postgresStorage({ url: database.url }),
        )),
      );
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
      await database.drop();
    }
  } else {
    console.log(
      'No LOGBOOK_TEST_DATABASE_URL: the Postgres setup is skipped (.ci/postgres shows how).',
    );
  }
  const embedded = await startServerProcess(quiet);
  try {
    const { pgliteStorage } = await import('../../src/server/sql/pglite');
    rows.push(
      ...(await measure('1 instance, PGlite', [embedded], sizes.pglite, async () =>
        pgliteStorage({}),
      )),
    );
  } finally {
    await embedded.stop();
  }
  await report(rows, quick);
}

async function report(rows: Row[], quick: boolean) {
  const measured = measuredNow();
  const table = markdownTable(
    ['Setup', 'Measure', 'Logbook server', 'Baseline', 'Target'],
    rows.map((row) => [row.setup, row.measure, row.value, row.baseline, row.target]),
  );
  console.log(table);
  await writeResultsJson('server.json', sizesMode(quick), measured, { rows });
  if (quick) return;
  const section = `_Measured ${measured.date.slice(0, 10)} on ${measured.machine}, loopback._\n\n${table}`;
  await replaceReadmeSection(['bench/README.md', 'README.md'], 'bench:server', section);
}
