import { moneyFormat } from '../domain/format';

const money = moneyFormat();
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Integer cents as the reader's locale writes the shop's currency: `€12.40`, `12,40 €`. */
export function formatMoney(cents: number): string {
  return money.format(cents / 100);
}

export function formatTime(epochMs: number): string {
  return dateTime.format(new Date(epochMs));
}

/** The time of day alone, for what happened today: `10:42 AM`. */
export function formatClock(epochMs: number): string {
  return clock.format(new Date(epochMs));
}
