import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../src/core/errors';
import { noFaults } from '../../../src/mocks/faults';
import { shareFaultsAcrossTabs } from '../../../src/mocks/faultsAcrossTabs';

let devices = 0;
const releases: AbortController[] = [];
afterEach(() => {
  for (const release of releases.splice(0)) release.abort();
  vi.unstubAllGlobals();
});

/** One tab of device `name`: its worker's faults, and the change it serves. */
function tab(name: string) {
  const release = new AbortController();
  releases.push(release);
  const faults = noFaults();
  return { faults, change: shareFaultsAcrossTabs(name, faults, release.signal), release };
}

describe("a device's simulated network, shared by its tabs", () => {
  it('a change in one tab reaches the other tabs of its device, not another device', async () => {
    const [phone, laptop] = [`phone-${++devices}`, `laptop-${devices}`];
    const [phoneA, phoneB, laptopA, laptopB] = [tab(phone), tab(phone), tab(laptop), tab(laptop)];

    expect(phoneA.change({ offline: true, latencyMs: 300 })).toEqual({
      offline: true,
      latencyMs: 300,
      failureRate: 0,
      dropResponseRate: 0,
    });
    await vi.waitFor(() => expect(phoneB.faults).toMatchObject({ offline: true, latencyMs: 300 }));
    // Had both devices one channel, the phone's change would reach the laptop before this one.
    laptopA.change({ failureRate: 0.3 });
    await vi.waitFor(() => expect(laptopB.faults.failureRate).toBe(0.3));
    expect(laptopB.faults).toMatchObject({ offline: false, latencyMs: 0 });
    expect(laptopA.faults).toMatchObject({ offline: false, latencyMs: 0 });
  });

  it('refuses a bad setting by name, and changes nothing in any tab', async () => {
    const device = `phone-${++devices}`;
    const [a, b] = [tab(device), tab(device)];

    for (const [settings, field] of [
      [{ failureRate: 2 }, 'settings.failureRate'],
      [{ offline: true, latencyMs: -1 }, 'settings.latencyMs'],
      [{ offline: 'yes' }, 'settings.offline'],
      [{ offline: true, random: 0.5 }, 'settings.random'],
    ] as const) {
      const refused = catching(() => a.change(settings as never));
      expect(refused).toBeInstanceOf(ValidationError);
      expect(refused).toMatchObject({ field });
    }
    a.change({ dropResponseRate: 0.1 });
    await vi.waitFor(() => expect(b.faults.dropResponseRate).toBe(0.1));
    for (const { faults } of [a, b]) {
      expect(faults).toMatchObject({ offline: false, latencyMs: 0, failureRate: 0 });
    }
  });

  it('coming back online fires `online` in every tab, as a browser does; nothing else does', async () => {
    const online = vi.fn();
    vi.stubGlobal('dispatchEvent', (event: Event) => online(event.type));
    const device = `phone-${++devices}`;
    const [a, b] = [tab(device), tab(device)];

    a.change({ offline: true });
    await vi.waitFor(() => expect(b.faults.offline).toBe(true));
    a.change({ latencyMs: 300 });
    await vi.waitFor(() => expect(b.faults.latencyMs).toBe(300));
    expect(online).not.toHaveBeenCalled();

    b.change({ offline: false });
    await vi.waitFor(() => expect(a.faults.offline).toBe(false));
    expect(online.mock.calls).toEqual([['online'], ['online']]);
  });

  it('a tab whose store closed hears no more changes', async () => {
    const device = `phone-${++devices}`;
    const [a, closed, open] = [tab(device), tab(device), tab(device)];
    closed.release.abort();

    a.change({ offline: true });
    await vi.waitFor(() => expect(open.faults.offline).toBe(true));
    expect(closed.faults.offline).toBe(false);
  });
});

function catching(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}
