import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { connectLogbook } from '../../../src/client/connectLogbook';
import { ValidationError } from '../../../src/core/errors';
import { testDomain } from '../../../src/testing/conformance/testDomain';
import type { WorkerApi } from '../../../src/transport/workerApi';
import { type ExtensionContext, exposeStore } from '../../../worker/transport/exposeStore';

let databases = 0;

/** What a worker script might serve beside the store: its store's name, a read, and a failure. */
function extraCalls(opened: ExtensionContext[]) {
  return (context: ExtensionContext) => {
    opened.push(context);
    return {
      database: () => context.name,
      headTimes: async (times: number) => (await context.store.headPosition()) * times,
      refuse: (): never => {
        throw new ValidationError({ field: 'extra', reason: 'refused on purpose' });
      },
    };
  };
}
type ExtraCalls = ReturnType<ReturnType<typeof extraCalls>>;

/** A worker served over a MessageChannel with `extend`, and its client. */
async function connect() {
  const opened: ExtensionContext[] = [];
  const channel = new MessageChannel();
  exposeStore(testDomain, { endpoint: channel.port1, extend: extraCalls(opened) });
  const name = `extension-${++databases}`;
  const client = await connectLogbook<typeof testDomain, ExtraCalls>(channel.port2, { name });
  return { client, name, opened, close: () => client.close().then(() => channel.port1.close()) };
}

describe("a worker script's own calls beside the store", () => {
  it('the client calls them by name, for the store it opened', async () => {
    const { client, name, close } = await connect();
    await client.execute({ type: 'Increment', data: { counter: 'a', by: 1 } });

    expect(Object.keys(client.extension).sort()).toEqual(['database', 'headTimes', 'refuse']);
    expect(await client.extension.database()).toBe(name);
    expect(await client.extension.headTimes(3)).toBe(3);
    await close();
  });

  it('their errors reach the client as their own class, with their fields', async () => {
    const { client, close } = await connect();

    const error = await client.extension.refuse().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'extra', reason: 'refused on purpose' });
    await close();
  });

  it('the worker refuses by name a call it does not serve, inherited ones too', async () => {
    const channel = new MessageChannel();
    exposeStore(testDomain, { endpoint: channel.port1, extend: extraCalls([]) });
    const wire = Comlink.wrap<WorkerApi>(channel.port2);
    await wire.open({ name: `extension-${++databases}` });

    for (const call of ['nope', 'toString', '__proto__']) {
      const error = await wire.callExtension(call, []).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: 'call' });
    }
    await wire.close();
    channel.port1.close();
  });

  it('closing the store aborts their signal', async () => {
    const { opened, close } = await connect();
    expect(opened.map(({ signal }) => signal.aborted)).toEqual([false]);

    await close();

    expect(opened.map(({ signal }) => signal.aborted)).toEqual([true]);
  });

  it('a worker with none gives the client none', async () => {
    const channel = new MessageChannel();
    exposeStore(testDomain, { endpoint: channel.port1 });
    const client = await connectLogbook<typeof testDomain>(channel.port2, {
      name: `extension-${++databases}`,
    });

    expect(client.extension).toEqual({});
    await client.close();
    channel.port1.close();
  });
});
