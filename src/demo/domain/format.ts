import { SHOP_CURRENCY } from './schemas';

/** A formatter of the shop's money for `locales` (the runtime's own when undefined). */
export function moneyFormat(locales?: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locales, { style: 'currency', currency: SHOP_CURRENCY });
}

// Words the domain stores (rejection reasons, the activity feed) read the same on every device.
const domainMoney = moneyFormat('en');

/** Formats integer cents in the shop's currency, e.g. `1240` as `€12.40`. */
export function formatCents(cents: number): string {
  return domainMoney.format(cents / 100);
}

/** A short handle for a long id (UUIDs end in random digits), e.g. `#b30209` for an order. */
export function shortId(id: string): string {
  return id.length <= 8 ? id : `#${id.slice(-6)}`;
}
