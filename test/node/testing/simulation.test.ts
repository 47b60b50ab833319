import { describe, expect, it } from 'vitest';
import {
  assertProjectionsMatchReplay,
  createSimulation,
  createTestStore,
  type NetworkFaults,
  SettleError,
  type Simulation,
} from '../../../src/testing';
import { testDomain } from '../../../src/testing/conformance/testDomain';

type CounterSimulation = Simulation<typeof testDomain>;

const increment = (counter: string, by = 1) => ({
  type: 'Increment' as const,
  data: { counter, by },
});

/** Every device adds to one counter and syncs once, under the faults given. */
async function run(simulation: CounterSimulation, faults: Partial<NetworkFaults>) {
  const issued: string[] = [];
  for (const device of simulation.devices) {
    Object.assign(device.faults, faults);
    issued.push((await device.store.execute(increment('shared'))).commandId);
    await device.sync.syncNow().catch(() => undefined);
  }
  return issued;
}

const someOfEach = {
  dropRequest: 0.2,
  loseAnswer: 0.2,
  duplicate: 0.2,
  delay: 0.2,
  serverError: 0.2,
};

describe('the multi-device simulation', () => {
  it('repeats exactly from a seed: the same faults on the same requests', async () => {
    const traces = [];
    for (const seed of [7, 7, 8]) {
      const simulation = await createSimulation({ domain: testDomain, devices: 3, seed });
      for (let i = 0; i < 4; i++) await run(simulation, someOfEach);
      traces.push(simulation.devices.map((device) => device.trace));
      await simulation.close();
    }
    const [first, again, otherSeed] = traces;
    expect(first?.flat().some((request) => request.faults.length > 0)).toBe(true);
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
  });

  it('settles through every kind of fault: converged, nothing lost or duplicated', async () => {
    const simulation = await createSimulation({
      domain: testDomain,
      devices: 3,
      seed: 3,
      faults: { dropRequest: 0.1, loseAnswer: 0.1, duplicate: 0.5, delay: 0.5, serverError: 0.1 },
    });
    const issued = [];
    for (let i = 0; i < 5; i++) issued.push(...(await run(simulation, {})));
    await simulation.settle({ rounds: 50 });
    const seen = new Set(simulation.devices.flatMap((d) => d.trace.flatMap((r) => r.faults)));
    expect([...seen].sort()).toEqual(
      ['delayed', 'dropped', 'duplicated', 'lostAnswer', 'serverError'].sort(),
    );
    await simulation.assertConverged();
    await simulation.assertNothingLostOrDuplicated(issued);
    expect(await simulation.devices[0]?.store.get('totals', 'shared')).toEqual({
      counter: 'shared',
      value: 15,
    });
    await simulation.close();
  });

  it('a push delivered twice is stored once', async () => {
    const simulation = await createSimulation({
      domain: testDomain,
      devices: 2,
      faults: { duplicate: 1 },
    });
    const issued = await run(simulation, {});
    await simulation.settle();
    const pushes = simulation.devices.flatMap((d) => d.trace).filter((r) => r.method === 'POST');
    expect(pushes.every((push) => push.faults.includes('duplicated'))).toBe(true);
    expect(await simulation.serverLog()).toHaveLength(2);
    await simulation.assertNothingLostOrDuplicated(issued);
    await simulation.close();
  });

  it('settle() throws SettleError, with what is pending, when a device stays offline', async () => {
    const simulation = await createSimulation({ domain: testDomain, devices: 2 });
    const [, offline] = simulation.devices;
    await run(simulation, {});
    Object.assign(offline?.faults ?? {}, { offline: true });
    await offline?.store.execute(increment('offline'));
    const settling = simulation.settle({ rounds: 3 });
    await expect(settling).rejects.toThrow(SettleError);
    await expect(settling).rejects.toMatchObject({ rounds: 3, pending: { A: 0, B: 1 } });
    await simulation.close();
  });

  it('assertConverged() names a device whose log differs from the server', async () => {
    const simulation = await createSimulation({ domain: testDomain, devices: 2 });
    await run(simulation, {});
    await simulation.settle();
    await simulation.assertConverged();
    await simulation.devices[1]?.store.execute(increment('unsynced'));
    await expect(simulation.assertConverged()).rejects.toThrow(/Device B has not converged/);
    await simulation.close();
  });

  it('assertNothingLostOrDuplicated() names a command that reached neither the server nor a rejection', async () => {
    const simulation = await createSimulation({ domain: testDomain, devices: 1 });
    const issued = await run(simulation, {});
    const [device] = simulation.devices;
    Object.assign(device?.faults ?? {}, { dropRequest: 1 });
    const unsent = await device?.store.execute(increment('unsent'));
    await device?.sync.syncNow().catch(() => undefined);
    await simulation.assertNothingLostOrDuplicated(issued);
    await expect(
      simulation.assertNothingLostOrDuplicated([...issued, unsent?.commandId as string]),
    ).rejects.toThrow(`Command ${unsent?.commandId} was lost`);
    await simulation.close();
  });

  it('assertProjectionsMatchReplay() shows the views that differ from a replay', async () => {
    const store = await createTestStore(testDomain);
    await store.execute(increment('a', 2));
    await assertProjectionsMatchReplay(store, testDomain);
    // A store whose views went wrong, as a broken storage would give them.
    const wrongViews = Object.create(store, {
      list: { value: async () => [{ counter: 'a', value: 3 }] },
    });
    await expect(assertProjectionsMatchReplay(wrongViews, testDomain)).rejects.toMatchObject({
      message: expect.stringContaining('Projection totals differs from a replay of the log'),
      expected: [{ counter: 'a', value: 2 }],
      actual: [{ counter: 'a', value: 3 }],
    });
    await store.close();
  });
});
