import { connectLogbook } from 'logbook/client';
import { type FormEvent, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { tasksDomain } from './tasks';
import { useTasks } from './useTasks';

const { LogbookProvider, useCommand, useList } = useTasks;

function Tasks() {
  const open = useList('tasks', { index: 'open' });
  const { execute, pending, error } = useCommand();
  const [title, setTitle] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    void execute({ type: 'AddTask', data: { task: crypto.randomUUID(), title } }).then(() =>
      setTitle(''),
    );
  };
  return (
    <main>
      <form onSubmit={add}>
        <input value={title} onChange={(event) => setTitle(event.target.value)} />
        <button type="submit" disabled={pending}>
          Add
        </button>
        {error && <p role="alert">{error.message}</p>}
      </form>
      <ul>
        {open.data?.map((view) => (
          <li key={view.task}>
            {view.title}{' '}
            <button
              type="button"
              onClick={() => execute({ type: 'FinishTask', data: { task: view.task } })}
            >
              Done
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}

const client = await connectLogbook<typeof tasksDomain>(
  new Worker(new URL('./tasks.worker.ts', import.meta.url), { type: 'module' }),
  { name: 'tasks' },
);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LogbookProvider client={client}>
        <Tasks />
      </LogbookProvider>
    </StrictMode>,
  );
}
