import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import { createLogbookReact } from '../../src/client/react';
import { ProjectionsPanel } from '../../src/demo/app/history/ProjectionsPanel';
import type { testDomain } from '../../src/testing/conformance/testDomain';
import { deviceMetadata } from '../eventMetadata';

const { LogbookProvider } = createLogbookReact<typeof testDomain>();

let client: LogbookClient<typeof testDomain> | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** Another device's log, exported: an increment, then an event `totals` throws on. */
const exported = [
  { id: 'event-1', type: 'Incremented', data: { counter: 'a', by: 1 } },
  { id: 'event-2', type: 'Poisoned', data: { counter: 'a' } },
]
  .map((event, i) =>
    JSON.stringify({
      ...event,
      stream: 'counter-a',
      version: i + 1,
      serverPosition: i + 1,
      metadata: deviceMetadata(),
    }),
  )
  .join('\n');

describe('a failed projection in the app', () => {
  it('says which event it failed on and why, and offers to rebuild it', async () => {
    client = await connectLogbook<typeof testDomain>(
      new Worker(new URL('./testStore.worker.ts', import.meta.url), { type: 'module' }),
      { name: `failed-projection-${Date.now()}` },
    );
    expect(await client.importLog(exported)).toEqual({ imported: 2 });
    const screen = await render(
      <LogbookProvider client={client}>
        <ProjectionsPanel />
      </LogbookProvider>,
    );

    const totals = screen.getByTestId('projection-totals');
    await expect.element(totals.getByText('failed', { exact: true })).toBeInTheDocument();
    await expect
      .element(totals.getByRole('alert'))
      .toHaveTextContent('Failed on Poisoned event-2: poisoned.');
    await expect.element(totals.getByRole('button', { name: 'Rebuild' })).toBeEnabled();
    await expect(client.get('totals', 'a')).rejects.toMatchObject({
      name: 'ProjectionFailedError',
      eventId: 'event-2',
      reason: 'poisoned',
    });
  });
});
