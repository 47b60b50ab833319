import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { Counter, connect, LogbookProvider } from '../quickstart/Counter';

const clients: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

describe("the README's quick start in a browser", () => {
  it('counts clicks through the worker, live', async () => {
    const client = await connect(`quickstart-${crypto.randomUUID()}`);
    clients.push(client);
    render(
      <LogbookProvider client={client}>
        <Counter id="a" />
      </LogbookProvider>,
    );
    const button = page.getByRole('button');
    await expect.element(button).toHaveTextContent('0');
    await button.click();
    await button.click();
    await expect.element(button).toHaveTextContent('2');
    expect((await client.readStream('counter-a')).length).toBe(2);
  });
});
