import { describe, expect, it } from 'vitest';
import { cart } from '../../../src/demo/domain/cart';
import { deciderSpec } from '../../../src/testing/deciderSpec';
import { addItem as addItemTo } from '../../shopFixtures';

const addItem = (quantity: number) =>
  addItemTo('c1', { productId: 'espresso', name: 'Espresso', unitPrice: 240 }, quantity);

describe('deciderSpec', () => {
  const when = (quantity: number) => deciderSpec(cart).given([]).when(addItem(quantity));

  it('fails when the events differ, showing both', () => {
    expect(() => when(1).then([])).toThrow(/Expected events:\n\[\]\nbut AddItem decided events/);
  });

  it('fails when events were expected but the command was rejected', () => {
    expect(() => when(0).then([])).toThrow(/but AddItem rejected with "Quantity must be/);
  });

  it('fails when a rejection was expected but events were decided', () => {
    expect(() => when(1).thenRejects('nope')).toThrow(/to be rejected with nope\nbut it decided/);
  });

  it('fails when the reason does not match', () => {
    expect(() => when(0).thenRejects(/more than/)).toThrow(/rejected with "Quantity must be/);
  });

  it('lets errors other than rejections through', () => {
    const broken = {
      ...cart,
      decide: () => {
        throw new TypeError('bug');
      },
    };
    expect(() => deciderSpec(broken).given([]).when(addItem(1)).then([])).toThrow(TypeError);
  });
});
