import { z } from 'zod/mini';
import { safeParse } from '../core/schemaParse';
import { fromZod } from '../core/validation';
import type { FaultSettings, MockFaults } from './faults';

const share = z.number().check(z.minimum(0), z.maximum(1));
const faultSettings = z.partial(
  z.strictObject({
    offline: z.boolean(),
    latencyMs: z.number().check(z.minimum(0)),
    failureRate: share,
    dropResponseRate: share,
  }),
);

/**
 * One device's mock network, shared by its tabs. Each tab's worker has its own `faults`; a change
 * made in any tab reaches the device's other tabs over a BroadcastChannel named after the
 * device's database, so two devices in one browser keep networks of their own. Coming back
 * online fires `online` in every tab's worker, as a browser does, so the tab that syncs syncs now.
 *
 * Returns the change: it applies the settings given (a ValidationError names a bad one) and
 * answers with all of them. The channel closes when `signal` aborts.
 */
export function shareFaultsAcrossTabs(name: string, faults: MockFaults, signal?: AbortSignal) {
  const channel = new BroadcastChannel(`logbook-mock-faults:${name}`);
  signal?.addEventListener('abort', () => channel.close(), { once: true });

  const apply = (settings: Partial<FaultSettings>) => {
    const wasOffline = faults.offline;
    Object.assign(faults, settings);
    if (wasOffline && !faults.offline) globalThis.dispatchEvent?.(new Event('online'));
  };
  channel.onmessage = ({ data }: MessageEvent<Partial<FaultSettings>>) => apply(data);

  return (settings: Partial<FaultSettings>): FaultSettings => {
    const parsed = safeParse(faultSettings, settings);
    if (!parsed.success) throw fromZod(parsed.error, 'settings');
    apply(parsed.data);
    channel.postMessage(parsed.data);
    const { random: _, ...current } = faults;
    return current;
  };
}
