/** Formats integer cents as euros, e.g. `1240` as `€12.40`. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(Math.round(cents));
  const euros = Math.floor(absolute / 100);
  const rest = String(absolute % 100).padStart(2, '0');
  return `${sign}€${euros}.${rest}`;
}

/** A short handle for a long id (UUIDs end in random digits), e.g. `#b30209` for an order. */
export function shortId(id: string): string {
  return id.length <= 8 ? id : `#${id.slice(-6)}`;
}
