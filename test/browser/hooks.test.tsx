import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import type { LogbookClient } from '../../src/client/connectLogbook';
import { createLogbookReact } from '../../src/client/react';
import type { testDomain } from '../../src/testing/conformance/testDomain';
import { connectTestClient } from './testClient';

const { LogbookProvider, useCommand, useView, useList, useHeadPosition } =
  createLogbookReact<typeof testDomain>();

let client: LogbookClient<typeof testDomain> | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

function Total({ counter }: { counter: string }) {
  const total = useView('totals', counter);
  if (total.status === 'loading') return <p>loading</p>;
  return (
    <p>{total.data ? `${total.data.counter} is ${total.data.value}` : `${counter} is unset`}</p>
  );
}

function OddCounters() {
  const odd = useList('totals', { index: 'parity', equals: 'odd' });
  return <p>odd: {odd.data?.map((view) => view.counter).join(',') || 'none'}</p>;
}

function EventCount() {
  const head = useHeadPosition();
  return <p>events: {head.data ?? '…'}</p>;
}

function Incrementer({ by }: { by: number }) {
  const { execute, pending, error } = useCommand();
  return (
    <div>
      <button
        type="button"
        onClick={() =>
          execute({ type: 'Increment', data: { counter: 'a', by } }).catch(() => undefined)
        }
      >
        add {by}
      </button>
      <p>{pending ? 'sending' : 'idle'}</p>
      {error && (
        <p role="alert">{`${error.name}: ${(error as { reason?: string }).reason ?? error.message}`}</p>
      )}
    </div>
  );
}

describe('React hooks over the worker', () => {
  it('useView and useList re-render when the data changes, whoever changed it', async () => {
    client = await connectTestClient();
    const screen = await render(
      <LogbookProvider client={client}>
        <Total counter="a" />
        <OddCounters />
        <EventCount />
      </LogbookProvider>,
    );
    await expect.element(screen.getByText('a is unset')).toBeInTheDocument();
    await expect.element(screen.getByText('odd: none')).toBeInTheDocument();

    await client.execute({ type: 'Increment', data: { counter: 'a', by: 3 } });
    await expect.element(screen.getByText('a is 3')).toBeInTheDocument();
    await expect.element(screen.getByText('odd: a')).toBeInTheDocument();

    await client.append('counter-b', [{ type: 'Incremented', data: { counter: 'b', by: 5 } }]);
    await expect.element(screen.getByText('odd: a,b')).toBeInTheDocument();
    await expect.element(screen.getByText('events: 2')).toBeInTheDocument();
  });

  it('a view changed from a second worker on the same database re-renders too', async () => {
    const name = `hooks-shared-${Date.now()}`;
    client = await connectTestClient(name);
    const other = await connectTestClient(name);
    const screen = await render(
      <LogbookProvider client={client}>
        <Total counter="a" />
      </LogbookProvider>,
    );
    await expect.element(screen.getByText('a is unset')).toBeInTheDocument();
    await other.execute({ type: 'Increment', data: { counter: 'a', by: 7 } });
    await expect.element(screen.getByText('a is 7')).toBeInTheDocument();
    await other.close();
  });

  it('useCommand reports pending, then a rejection by name and reason', async () => {
    client = await connectTestClient();
    const screen = await render(
      <LogbookProvider client={client}>
        <Incrementer by={60} />
        <Total counter="a" />
      </LogbookProvider>,
    );
    await expect.element(screen.getByText('idle')).toBeInTheDocument();
    await screen.getByRole('button', { name: 'add 60' }).click();
    await expect.element(screen.getByText('a is 60')).toBeInTheDocument();
    await expect.element(screen.getByText('idle')).toBeInTheDocument();

    await screen.getByRole('button', { name: 'add 60' }).click();
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('CommandRejectedError: A counter cannot go above 100');
    await expect.element(screen.getByText('a is 60')).toBeInTheDocument();
  });

  it('useCommand shows a validation error naming the field', async () => {
    client = await connectTestClient();
    const screen = await render(
      <LogbookProvider client={client}>
        <Incrementer by={1.5} />
      </LogbookProvider>,
    );
    await screen.getByRole('button', { name: 'add 1.5' }).click();
    await expect.element(screen.getByRole('alert')).toHaveTextContent('ValidationError');
    expect(await client.headPosition()).toBe(0);
  });

  it('reads again when the tab comes back into view, catching up on what it missed', async () => {
    let reads = 0;
    const stub = {
      watch: (_read: unknown, listener: (result: { value: unknown }) => void) => {
        reads += 1;
        listener({ value: reads });
        return () => {};
      },
    } as unknown as LogbookClient<typeof testDomain>;
    const screen = await render(
      <LogbookProvider client={stub}>
        <EventCount />
      </LogbookProvider>,
    );
    await expect.element(screen.getByText('events: 1')).toBeInTheDocument();
    document.dispatchEvent(new Event('visibilitychange'));
    await expect.element(screen.getByText('events: 2')).toBeInTheDocument();
  });
});
