import { createSimulation } from 'logbook/testing';
import { counterDomain } from '../../../quickstart/domain';

export async function example() {
  const simulation = await createSimulation({
    domain: counterDomain,
    devices: 3,
    seed: 42, // the same seed, the same faults on the same requests
    faults: { loseAnswer: 0.2, duplicate: 0.2, delay: 0.5 },
  });
  const [phone, laptop] = simulation.devices;
  if (!phone || !laptop) throw new Error('three devices were asked for');

  // Offline edits on two devices, then each syncs once (faults may fail a sync).
  const issued = [
    (await phone.store.execute({ type: 'Increment', data: { counter: 'a', by: 1 } })).commandId,
    (await laptop.store.execute({ type: 'Increment', data: { counter: 'a', by: 2 } })).commandId,
  ];
  await Promise.allSettled([phone.sync.syncNow(), laptop.sync.syncNow()]);

  laptop.faults.dropRequest = 0.5; // faults are per device, and change at any time

  await simulation.settle(); // every device synced until all are caught up
  await simulation.assertConverged(); // the server's log everywhere, views equal to a replay
  await simulation.assertNothingLostOrDuplicated(issued);
  await simulation.close();
}
