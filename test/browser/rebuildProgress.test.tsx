import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import { createLogbookReact } from '../../src/client/react';
import { ReadProblem } from '../../src/demo/app/components/ReadProblem';
import { ProjectionsPanel } from '../../src/demo/app/history/ProjectionsPanel';
import type { testDomain } from '../../src/testing/conformance/testDomain';

const { LogbookProvider, useList } = createLogbookReact<typeof testDomain>();

let client: LogbookClient<typeof testDomain> | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

function Totals() {
  const totals = useList('totals');
  return (
    <div>
      <ReadProblem error={totals.error} />
      {totals.data && <p>{totals.data.length} counters</p>}
    </div>
  );
}

describe('a projection rebuild in the app', () => {
  it('shows a progress bar while it rebuilds, and the views once it is done', async () => {
    client = await connectLogbook<typeof testDomain>(
      new Worker(new URL('./slowRebuild.worker.ts', import.meta.url), { type: 'module' }),
      { name: `rebuild-progress-${Date.now()}` },
    );
    for (let i = 0; i < 300; i++) {
      await client.append(`counter-${i % 3}`, [
        { type: 'Incremented', data: { counter: `${i % 3}`, by: 1 } },
      ]);
    }
    const screen = await render(
      <LogbookProvider client={client}>
        <ProjectionsPanel />
        <Totals />
      </LogbookProvider>,
    );
    await expect.element(screen.getByText('3 counters')).toBeInTheDocument();

    await screen.getByRole('button', { name: 'Rebuild' }).click();
    const panelBar = screen.getByTestId('projection-totals').getByRole('progressbar');
    await expect.element(panelBar).toBeInTheDocument();
    await expect.element(screen.getByText('Rebuilding totals from the event log…')).toBeVisible();
    await expect
      .poll(async () => Number(panelBar.element().getAttribute('value')))
      .toBeGreaterThan(0);
    expect(panelBar.element().getAttribute('max')).toBe('300');

    await expect.element(screen.getByText('3 counters')).toBeInTheDocument();
    await expect.element(panelBar).not.toBeInTheDocument();
    await expect.element(screen.getByText('ready')).toBeInTheDocument();
  });
});
