import { connectLogbook } from 'logbook/client';
import { createLogbookReact } from 'logbook/react';
// A type import: the domain's code (and zod) stays in the worker.
import type { counterDomain } from './domain';

export const { LogbookProvider, useCommand, useView } = createLogbookReact<typeof counterDomain>();

export const connect = (name: string) =>
  connectLogbook<typeof counterDomain>(
    new Worker(new URL('./store.worker.ts', import.meta.url), { type: 'module' }),
    { name },
  );

export function Counter({ id }: { id: string }) {
  const total = useView('totals', id); // { status, data, error }: live, in every tab
  const { execute, pending, error } = useCommand(); // typed from the domain
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => execute({ type: 'Increment', data: { counter: id, by: 1 } })}
    >
      {total.data?.value ?? 0}
      {error && ` (${error.message})`}
    </button>
  );
}
