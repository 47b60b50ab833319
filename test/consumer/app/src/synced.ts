import { connectLogbook } from 'logbook/client';
import type { tasksDomain } from './tasks';

// Adds a task and syncs it to the mock server in the worker; shows what the sync did, or the
// error that stopped it (the worker's own included, should it fail as it loads).
const output = document.getElementById('report') as HTMLOutputElement;
const show = (value: unknown) => {
  output.value = JSON.stringify(value);
};
const worker = new Worker(new URL('./synced.worker.ts', import.meta.url), { type: 'module' });
worker.addEventListener('error', (event) => show({ error: event.message }));
try {
  const client = await connectLogbook<typeof tasksDomain>(worker, { name: 'synced-tasks' });
  await client.execute({ type: 'AddTask', data: { task: crypto.randomUUID(), title: 'Sync me' } });
  show(await client.syncNow());
} catch (error) {
  show({ error: String(error) });
}
