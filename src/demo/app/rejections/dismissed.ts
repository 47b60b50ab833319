const dismissedKey = (clientId: string) => `logbook-shop-dismissed-${clientId}`;

/** The rejections a person dismissed on this device, by command id. */
export function readDismissed(storage: Storage, clientId: string): Set<string> {
  try {
    return new Set(JSON.parse(storage.getItem(dismissedKey(clientId)) ?? '[]'));
  } catch {
    return new Set();
  }
}

/** Dismisses one; only ids still rejected are kept, so the list never outgrows the store's. */
export function dismiss(
  storage: Storage,
  clientId: string,
  commandId: string,
  stillRejected: readonly string[],
): Set<string> {
  const kept = new Set([...readDismissed(storage, clientId), commandId]);
  const next = new Set(stillRejected.filter((id) => kept.has(id)));
  storage.setItem(dismissedKey(clientId), JSON.stringify([...next]));
  return next;
}
