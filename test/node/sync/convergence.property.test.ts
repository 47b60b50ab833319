import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shopDomain } from '../../../src/demo/domain/shop';
import { createSimulation, type SimulatedDevice } from '../../../src/testing';
import { shopCommands } from '../../shopArbitraries';

const DEVICES = 3;
const command = shopCommands({ products: 3, quantity: { min: 1, max: 3 } });
const share = fc.constantFrom(0, 0, 0.5, 1);

const faults = fc.record({
  dropRequest: share,
  loseAnswer: share,
  duplicate: share,
  delay: share,
  serverError: share,
});

/** Offline edits on any device, and syncs (one device, or several at once) under injected faults. */
const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device: fc.nat(DEVICES - 1),
      command,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      devices: fc.subarray([0, 1, 2], { minLength: 1 }),
      faults,
    }),
  },
);

describe('sync convergence (property)', () => {
  it('any offline edits, sync orders and faults: every device converges, nothing lost or duplicated', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 10, maxLength: 40, size: 'max' }),
        fc.integer(),
        async (steps, seed) => {
          const simulation = await createSimulation({ domain: shopDomain, devices: DEVICES, seed });
          const issued: string[] = [];
          for (const next of steps) {
            if (next.kind === 'edit') {
              await simulation.devices[next.device]?.store.execute(next.command).then(
                (result) => result.events.length > 0 && issued.push(result.commandId),
                (error: Error) => expect(error.name).toBe('CommandRejectedError'),
              );
            } else {
              // Several devices at once: delayed requests of one overtake another's.
              const outcomes = await Promise.allSettled(
                next.devices.map((i) => {
                  const device = simulation.devices[i] as SimulatedDevice<typeof shopDomain>;
                  Object.assign(device.faults, next.faults);
                  return device.sync.syncNow();
                }),
              );
              // A sync under injected faults may fail, but only for them.
              for (const outcome of outcomes) {
                if (outcome.status === 'rejected')
                  expect(['SyncNetworkError', 'SyncHttpError']).toContain(outcome.reason.name);
              }
            }
          }
          for (const device of simulation.devices) {
            Object.assign(device.faults, { dropRequest: 0, loseAnswer: 0, serverError: 0 });
          }
          // Duplicated and delayed requests stay on while the devices settle.
          await simulation.settle();
          await simulation.assertConverged();
          await simulation.assertNothingLostOrDuplicated(issued);
          await simulation.close();
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
