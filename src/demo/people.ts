import type { ShopId } from './domain/shops';

/** Someone who signs in to the demo, and the shops (sync scopes) they may see. */
export interface Person {
  id: string;
  name: string;
  /** Their own shop first, then the shared one. */
  shops: readonly ShopId[];
}

/** Two people with a shop each, and one shop they share. */
export const PEOPLE: readonly Person[] = [
  { id: 'ada', name: 'Ada', shops: ['shop-ada', 'shop-shared'] },
  { id: 'ben', name: 'Ben', shops: ['shop-ben', 'shop-shared'] },
];

/** How each shop is called on the page. */
export const SHOP_NAMES: Readonly<Record<ShopId, string>> = {
  default: 'Demo shop',
  'shop-ada': 'Ada’s shop',
  'shop-ben': 'Ben’s shop',
  'shop-shared': 'Shared shop',
};

export function findPerson(id: string | null | undefined): Person | undefined {
  return PEOPLE.find((person) => person.id === id);
}
