import { readFile } from 'node:fs/promises';
import { openLive } from '../../test/node/server/process/liveStream';
import { devToken, type ServerProcess } from '../../test/node/server/process/serverProcess';
import { itemAdded, pushOf } from '../../test/node/server/process/wire';

/** A simulated device: its own person (token), one scope, one stream it appends to. */
export interface SimulatedDevice {
  clientId: string;
  scope: string;
  token: string;
  stream: string;
  version: number;
}

export async function simulatedDevices(
  server: ServerProcess,
  count: number,
  scopes: number,
): Promise<SimulatedDevice[]> {
  const devices: SimulatedDevice[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
      const n = i + j;
      const scope = `scope-${n % scopes}`;
      return {
        clientId: `device-${n}`,
        scope,
        token: await devToken(server.url, `person-${n}`, [scope]),
        stream: `cart-${n}`,
        version: 0,
      };
    });
    devices.push(...(await Promise.all(batch)));
  }
  return devices;
}

/** Runs `task` on every item, at most `concurrency` at once. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const working = async () => {
    for (let index = next++; index < items.length; index = next++) {
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, working));
}

export interface PushResult {
  events: number;
  ms: number;
}

/**
 * Devices push `perPush` events at a time until `total` are stored or the time is up, through
 * the instances in turn. A device waits in line while its push is out, so each device's pushes
 * are one after another, as a device's are.
 */
export async function pushLoad(
  instances: readonly ServerProcess[],
  devices: SimulatedDevice[],
  {
    total,
    perPush,
    concurrency,
    budgetMs,
  }: { total: number; perPush: number; concurrency: number; budgetMs: number },
): Promise<PushResult> {
  const started = performance.now();
  const deadline = Date.now() + budgetMs;
  const line = [...devices];
  let stored = 0;
  let sent = 0;
  const pushing = async () => {
    for (let device = line.shift(); device; device = line.shift()) {
      if (sent * perPush >= total || Date.now() >= deadline) return;
      const instance = instances[sent++ % instances.length] as ServerProcess;
      const events = Array.from({ length: perPush }, () =>
        itemAdded(device.clientId, device.stream),
      );
      const response = await fetch(`${instance.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
        body: JSON.stringify(
          pushOf(device.scope, device.clientId, device.stream, device.version, events),
        ),
      });
      const body = (await response.json()) as { results?: { status: string }[] };
      if (response.status !== 200 || body.results?.[0]?.status !== 'accepted') {
        throw new Error(`Push refused: ${response.status} ${JSON.stringify(body)}`);
      }
      device.version += perPush;
      stored += perPush;
      line.push(device);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, devices.length) }, pushing));
  return { events: stored, ms: performance.now() - started };
}

/** Every scope pulled from the start, `concurrency` scopes at a time, pages as large as allowed. */
export async function pullLoad(
  instances: readonly ServerProcess[],
  devices: readonly SimulatedDevice[],
  { concurrency, pageSize }: { concurrency: number; pageSize: number },
): Promise<PushResult> {
  const byScope = new Map(devices.map((device) => [device.scope, device]));
  const readers = [...byScope.values()];
  const started = performance.now();
  let events = 0;
  await inParallel(readers, concurrency, async (device, index) => {
    const instance = instances[index % instances.length] as ServerProcess;
    for (let after = 0, more = true; more; ) {
      const response = await fetch(
        `${instance.url}/api/sync/pull?scope=${device.scope}&after=${after}&limit=${pageSize}`,
        { headers: { authorization: `Bearer ${device.token}` } },
      );
      const page = (await response.json()) as {
        events: unknown[];
        nextCursor: number;
        hasMore: boolean;
      };
      events += page.events.length;
      after = page.nextCursor;
      more = page.hasMore;
    }
  });
  return { events, ms: performance.now() - started };
}

/**
 * From a push being sent through one instance to its notice reaching every device subscribed to
 * the scope (on every instance): one latency per push, the slowest subscriber's.
 */
export async function liveLatency(
  instances: readonly ServerProcess[],
  devices: readonly SimulatedDevice[],
  { subscribersPerScope, pushes }: { subscribersPerScope: number; pushes: number },
): Promise<number[]> {
  const scopes = [...new Map(devices.map((d) => [d.scope, d])).values()];
  const subscriptions = await Promise.all(
    scopes.flatMap((device, s) =>
      Array.from({ length: subscribersPerScope }, async (_, k) => {
        const instance = instances[(s + k) % instances.length] as ServerProcess;
        const live = await openLive(instance.url, device.token, device.scope);
        await live.next();
        return { scope: device.scope, live };
      }),
    ),
  );
  const latencies: number[] = [];
  for (let i = 0; i < pushes; i++) {
    const device = scopes[i % scopes.length] as SimulatedDevice;
    const listening = subscriptions.filter((s) => s.scope === device.scope);
    const sent = performance.now();
    const arrivals = Promise.all(
      listening.map(({ live }) => live.next().then(() => performance.now())),
    );
    const instance = instances[i % instances.length] as ServerProcess;
    const response = await fetch(`${instance.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
      body: JSON.stringify(
        pushOf(device.scope, device.clientId, device.stream, device.version, [
          itemAdded(device.clientId, device.stream),
        ]),
      ),
    });
    if (response.status !== 200) throw new Error(`Push refused: ${response.status}`);
    device.version += 1;
    latencies.push(Math.max(...(await arrivals)) - sent);
  }
  await Promise.all(subscriptions.map(({ live }) => live.close()));
  return latencies;
}

/** One HTTP round trip to the same server, for scale: `GET /healthz`. */
export async function roundTrips(server: ServerProcess, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const sent = performance.now();
    await (await fetch(`${server.url}/healthz`)).arrayBuffer();
    times.push(performance.now() - sent);
  }
  return times;
}

/** The peak resident memory of the instances' processes, sampled until `stop()`. */
export function sampleMemory(instances: readonly ServerProcess[]) {
  const peaks = instances.map(() => 0);
  const sample = async () => {
    await Promise.all(
      instances.map(async (instance, i) => {
        const status = await readFile(`/proc/${instance.child.pid}/status`, 'utf8').catch(() => '');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peaks[i] = Math.max(peaks[i] ?? 0, kb * 1024);
      }),
    );
  };
  const timer = setInterval(sample, 250);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peaks;
    },
  };
}
