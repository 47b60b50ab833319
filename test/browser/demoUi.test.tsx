import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { connectLogbook, type LogbookClient } from '../../src/client/connectLogbook';
import { formatMoney } from '../../src/demo/app/format';
import { HistoryDialog } from '../../src/demo/app/history/HistoryDialog';
import { LogBrowser } from '../../src/demo/app/history/LogBrowser';
import { noteCommand } from '../../src/demo/app/rejections/commandNotes';
import { MAX_SHOWN, Rejections } from '../../src/demo/app/rejections/Rejections';
import { LogbookProvider } from '../../src/demo/app/shop';
import { ThisDeviceName } from '../../src/demo/app/thisDevice';
import { formatCents, moneyFormat } from '../../src/demo/domain/format';
import { DEFAULT_SHOP, type ShopCommand, type ShopDomain } from '../../src/demo/domain/shop';
import type { ShopWorkerCalls } from '../../src/demo/shop.worker';
import { addItem } from '../shopFixtures';

type ShopClient = LogbookClient<ShopDomain, ShopWorkerCalls>;
const opened: ShopClient[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.close()));
});

/** A device on the shop worker, syncing with the mock server every test in this browser shares. */
async function device(): Promise<ShopClient> {
  const client = await connectLogbook<ShopDomain, ShopWorkerCalls>(
    new Worker(new URL('../../src/demo/shop.worker.ts', import.meta.url), { type: 'module' }),
    { name: `demo-ui-${Date.now()}-${Math.random()}` },
  );
  opened.push(client);
  return client;
}

/** How long a live read may take to settle on a busy machine: a bound for a hung test, not a speed check. */
const settled = { timeout: 15_000 };

const run = crypto.randomUUID().slice(0, 8);
const flatWhite = { productId: 'flat-white', name: 'Flat white', unitPrice: 340 };
const espresso = { productId: 'espresso', name: 'Espresso', unitPrice: 240 };

function nameDevice(client: ShopClient, name: string) {
  return client.execute({
    type: 'NameDevice',
    data: { shopId: DEFAULT_SHOP, clientId: client.clientId, name },
  });
}

/** Executes a command as the shop's buttons do: noted, so a rejection can say what it undid. */
async function asTheShopDoes(client: ShopClient, command: ShopCommand) {
  // Ids sort by time (the UI's are UUIDv7s): a pause keeps these apart by more than a clock tick.
  await new Promise((resolve) => setTimeout(resolve, 2));
  const id = `${Date.now()}-${crypto.randomUUID()}`;
  noteCommand(localStorage, client.clientId, id, { command, at: Date.now() });
  return client.execute({ ...command, id } as ShopCommand);
}

function shown(client: ShopClient, name: string, children: ReactNode) {
  return render(
    <LogbookProvider client={client}>
      <ThisDeviceName.Provider value={name}>{children}</ThisDeviceName.Provider>
    </LogbookProvider>,
  );
}

describe('the demo UI', () => {
  it('says what sync undid in words, lets each be dismissed, and shows only the newest few', async () => {
    const laptop = await device();
    const phone = await device();
    const cartId = `rejections-${run}`;
    await nameDevice(laptop, 'laptop');
    await nameDevice(phone, 'phone');
    await laptop.execute(addItem(cartId, flatWhite, 1));
    await laptop.syncNow();
    await phone.syncNow();

    // The laptop, offline, changes the cart four times; the phone checks it out meanwhile.
    await laptop.extension.network({ offline: true });
    const changes = [2, 3, 4, 5].map(
      (quantity) =>
        ({
          type: 'ChangeQuantity',
          data: { shopId: DEFAULT_SHOP, cartId, productId: 'flat-white', quantity },
        }) as const,
    );
    for (const change of changes) await asTheShopDoes(laptop, change);
    await phone.execute({
      type: 'CheckOut',
      data: { shopId: DEFAULT_SHOP, cartId, orderId: `order-${cartId}` },
    });
    await phone.syncNow();
    await laptop.extension.network({ offline: false });
    await laptop.syncNow();
    expect((await laptop.syncSummary()).rejected).toHaveLength(4);

    const screen = await shown(laptop, 'laptop', <Rejections />);
    const cards = screen.getByTestId('rejection');
    await expect.poll(() => cards.elements().length, settled).toBe(MAX_SHOWN);
    const newest = cards.first();
    await expect
      .element(newest)
      .toHaveTextContent(
        /Undone: changing Flat white to 5 in the cart with Flat white \(order #\w{6}\)\./,
      );
    await expect.element(newest).toHaveTextContent('Cart is already checked out.');
    await expect.element(newest).toHaveTextContent(/Made on laptop at \d{1,2}:\d{2}/);
    await expect.element(newest).toHaveTextContent('phone changed it first.');
    await expect.element(screen.getByText('1 older, shown as you dismiss these.')).toBeVisible();

    await screen
      .getByRole('button', {
        name: /^Dismiss: changing Flat white to 5/,
      })
      .click();
    await expect
      .element(screen.getByText('Undone: changing Flat white to 5', { exact: false }))
      .not.toBeInTheDocument();
    await expect.poll(() => cards.elements().length, settled).toBe(MAX_SHOWN);
    await expect.element(cards.last()).toHaveTextContent('changing Flat white to 2');
    expect(screen.getByText(/older, shown/).elements()).toHaveLength(0);
  });

  it('history shows each step as the cart it left, the raw event behind a toggle', async () => {
    const laptop = await device();
    const cartId = `history-${run}`;
    await laptop.execute(addItem(cartId, flatWhite, 2));
    await laptop.execute(addItem(cartId, espresso, 1));
    await laptop.execute({
      type: 'RemoveItem',
      data: { shopId: DEFAULT_SHOP, cartId, productId: 'flat-white' },
    });

    const screen = await shown(
      laptop,
      'laptop',
      <HistoryDialog
        target={{ stream: `cart-${cartId}`, title: 'Cart history' }}
        onClose={() => undefined}
      />,
    );
    const steps = screen.getByTestId('history-entry');
    await expect.poll(() => steps.elements().length, settled).toBe(3);
    await expect.element(steps.nth(0)).toHaveTextContent('Added 2 x Flat white');
    await expect
      .element(steps.nth(0).getByTestId('snapshot'))
      .toHaveTextContent(/open.*2 × Flat white.*€6\.80.*Total.*€6\.80/);
    await expect
      .element(steps.nth(1).getByTestId('snapshot'))
      .toHaveTextContent(/1 × Espresso.*Total.*€9\.20/);
    await expect.element(steps.nth(2).getByTestId('snapshot')).not.toHaveTextContent('Flat white');
    await expect.element(steps.nth(2).getByTestId('snapshot')).toHaveTextContent(/Total.*€2\.40/);

    const raw = steps.nth(0).getByText('"type": "ItemAdded"', { exact: false });
    await expect.element(raw).not.toBeVisible();
    await steps.nth(0).getByText('Raw event').click();
    await expect.element(raw).toBeVisible();
  });

  it('the log filters by stream prefix and device name, and marks rows pending or confirmed', async () => {
    const laptop = await device();
    const phone = await device();
    const cartId = `log-${run}`;
    // Devices of the other tests are named too, on the mock server they all share.
    const phoneName = `phone-${run}`;
    await nameDevice(phone, phoneName);
    await phone.execute(addItem(cartId, espresso, 1));
    await phone.syncNow();
    await laptop.extension.network({ offline: true });
    await nameDevice(laptop, 'laptop');
    await laptop.execute(addItem(cartId, flatWhite, 1));

    const screen = await shown(laptop, 'laptop', <LogBrowser />);
    const rows = screen.getByTestId('log-row');
    await screen.getByLabelText('Stream starts with').fill(`cart-${cartId}`);
    await expect.poll(() => rows.elements().length, settled).toBe(1);
    await expect.element(rows.first()).toHaveTextContent('pending');
    await expect.element(rows.first()).toHaveTextContent('this device (laptop)');

    await laptop.extension.network({ offline: false });
    await laptop.syncNow();
    await expect.poll(() => rows.elements().length, settled).toBe(2);
    await expect
      .element(rows.first())
      .toHaveTextContent(new RegExp(`${phoneName}.*confirmed #\\d+`));
    await expect.element(rows.last()).toHaveTextContent(/this device \(laptop\).*confirmed #\d+/);

    const byDevice = screen.getByRole('combobox', { name: 'Device', exact: true });
    await byDevice.selectOptions(phoneName);
    await expect.poll(() => rows.elements().length, settled).toBe(1);
    await expect.element(rows.first()).toHaveTextContent('ItemAdded');
    await screen.getByLabelText('Stream starts with').fill('shop-1/device-');
    await expect.poll(() => rows.elements().length, settled).toBe(1);
    await expect.element(rows.first()).toHaveTextContent('DeviceNamed');
    await screen.getByLabelText('Stream starts with').fill('order-');
    await expect.element(screen.getByText('No events match.')).toBeVisible();
  });

  it("amounts follow the reader's locale with Intl; the words the domain stores do not", () => {
    expect(formatMoney(1240)).toBe(moneyFormat(navigator.language).format(12.4));
    expect(moneyFormat('de-DE').format(12.4)).toMatch(/^12,40\s€$/);
    expect(formatCents(1005)).toBe('€10.05');
    expect(formatCents(5)).toBe('€0.05');
  });
});
