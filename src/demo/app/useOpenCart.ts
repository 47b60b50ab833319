import { useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import type { CartView } from '../domain/shop';
import { useList } from './shop';
import { useShop } from './signin/session';

export interface OpenCart {
  cartId: string;
  /** The cart's view, or undefined while it has no items yet. */
  view: CartView | undefined;
  /** Call after checking out: the next item starts a new cart. */
  startNew: () => void;
  /** Why the open carts could not be read (a rebuilding projection, say). */
  problem: Error | null;
}

/** The cart being filled: the shop's newest open one, or a new id for the next item. */
export function useOpenCart(): OpenCart {
  const { shopId } = useShop();
  const open = useList('carts', { index: 'openIn', equals: shopId });
  // A new cart's id is drawn for one shop: the carts view is keyed by cart id, so an id used in
  // two shops would merge their carts.
  const [draft, setDraft] = useState(() => ({ shopId, cartId: uuidv7() }));
  if (draft.shopId !== shopId) setDraft({ shopId, cartId: uuidv7() });
  const newest = open.data?.reduce<CartView | undefined>(
    (latest, cart) => (!latest || cart.updatedAt > latest.updatedAt ? cart : latest),
    undefined,
  );
  return {
    cartId: newest?.cartId ?? draft.cartId,
    view: newest,
    startNew: () => setDraft({ shopId, cartId: uuidv7() }),
    problem: open.error,
  };
}
