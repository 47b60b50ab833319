import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/core/json';
import { totalOf } from '../../../src/demo/domain/orderLine';
import { type ShopCommand, shopDomain } from '../../../src/demo/domain/shop';
import { DEFAULT_SHOP } from '../../../src/demo/domain/shops';
import { deviceMetadata } from '../../eventMetadata';
import { catalogItem } from '../../shopArbitraries';
import { addItem, addItemData, type Item } from '../../shopFixtures';
import { type LoggedEvent, replayThroughDeciders } from './deciderReplay';

const flatWhite = catalogItem('flat-white');
const espresso = catalogItem('espresso');
const line = (item: Item, quantity: number) => ({ ...item, quantity });

const event = (
  commandId: string | null,
  stream: string,
  version: number,
  type: string,
  data: Json,
): LoggedEvent => ({
  id: `${stream}@${version}`,
  stream,
  version,
  type,
  data,
  metadata: { ...deviceMetadata(), commandId },
});

const issued = new Map<string, ShopCommand>([
  ['add-flat-white', addItem('c1', flatWhite, 1)],
  ['add-espresso', addItem('c1', espresso, 1)],
  ['check-out', { type: 'CheckOut', data: { shopId: DEFAULT_SHOP, cartId: 'c1', orderId: 'o1' } }],
  [
    'three-espressos',
    {
      type: 'ChangeQuantity',
      data: { shopId: DEFAULT_SHOP, cartId: 'c1', productId: 'espresso', quantity: 3 },
    },
  ],
  ['pay', { type: 'PayOrder', data: { shopId: DEFAULT_SHOP, orderId: 'o1' } }],
]);

type Line = ReturnType<typeof line>;

/** Check-out of cart c1 into order o1 at cart version `version`: the cart's event and the order's. */
const checkedOut = (version: number, lines: Line[]) => {
  const data = { cartId: 'c1', orderId: 'o1', lines, total: totalOf(lines) };
  return [
    event('check-out', 'cart-c1', version, 'CartCheckedOut', { shopId: DEFAULT_SHOP, ...data }),
    event('check-out', 'order-o1', 1, 'OrderPlaced', data),
  ];
};

/** Two items added, checked out with `checkoutLines`, and the order paid what it came to. */
const shopLog = (checkoutLines: Line[]) => [
  event('add-flat-white', 'cart-c1', 1, 'ItemAdded', addItemData('c1', flatWhite, 1)),
  event('add-espresso', 'cart-c1', 2, 'ItemAdded', addItemData('c1', espresso, 1)),
  ...checkedOut(3, checkoutLines),
  event('pay', 'order-o1', 2, 'OrderPaid', { orderId: 'o1', amount: totalOf(checkoutLines) }),
];

const soundLog = shopLog([line(flatWhite, 1), line(espresso, 1)]);

describe('replaying a log through its deciders', () => {
  it('finds nothing wrong with a log whose every command decides its own events', () => {
    expect(replayThroughDeciders(shopDomain, soundLog, issued)).toEqual([]);
  });

  it('reports a command recorded after a check-out it never saw', () => {
    const log = [
      event('add-flat-white', 'cart-c1', 1, 'ItemAdded', addItemData('c1', flatWhite, 1)),
      ...checkedOut(2, [line(flatWhite, 1)]),
      // Decided on a state with the espresso added, stored after the check-out.
      event('three-espressos', 'cart-c1', 3, 'QuantityChanged', {
        cartId: 'c1',
        productId: 'espresso',
        quantity: 3,
        name: 'Espresso',
      }),
    ];
    expect(replayThroughDeciders(shopDomain, log, issued)).toEqual([
      expect.stringMatching(
        /^command three-espressos \(ChangeQuantity .*\) recorded QuantityChanged .*, but on the state before them it is rejected: Cart is already checked out$/,
      ),
    ]);
  });

  it('reports a command whose events were decided on an older state', () => {
    // Checked out as if the espresso had not been added yet.
    const log = shopLog([line(flatWhite, 1)]);
    expect(replayThroughDeciders(shopDomain, log, issued)).toEqual([
      expect.stringMatching(
        /^command check-out \(CheckOut .*\) recorded CartCheckedOut .* in cart-c1, but on the state before them it decides CartCheckedOut .*"quantity":1}\],"total":580}$/,
      ),
    ]);
  });

  it("reports a command missing the events its policy's follow-up records in another stream", () => {
    const log = soundLog.filter((e) => e.stream === 'cart-c1');
    expect(replayThroughDeciders(shopDomain, log, issued)).toEqual([
      expect.stringMatching(/recorded nothing in order-o1, but .* decides OrderPlaced/),
    ]);
  });

  it('reports an event id twice, a gap in versions and a command never issued', () => {
    const log = [
      ...soundLog.map((e) => (e.type === 'OrderPaid' ? { ...e, version: 3 } : e)),
      {
        ...event('stranger', 'cart-c2', 1, 'ItemAdded', addItemData('c2', flatWhite, 1)),
        id: 'cart-c1@1',
      },
    ];
    expect(replayThroughDeciders(shopDomain, log, issued)).toEqual([
      'event cart-c1@1 is in the log 2 times',
      'order-o1 has versions 1, 3',
      'command stranger recorded events but was never issued',
    ]);
  });
});
