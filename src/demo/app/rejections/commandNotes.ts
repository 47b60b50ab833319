import type { ShopCommand } from '../../domain/shop';

/** A command as this device sent it, kept to say in words what a later rejection undid. */
export interface CommandNote {
  command: Pick<ShopCommand, 'type' | 'data'>;
  /** When it was sent (ms since the epoch). */
  at: number;
}

/** The newest notes kept: a command still pending after this many newer ones is told by its type. */
export const MAX_NOTES = 200;

const notesKey = (clientId: string) => `logbook-shop-commands-${clientId}`;

/**
 * The store tells a rejection's command id, type and reason; what the command was about (its
 * cart, its item) the UI keeps itself, per device, in localStorage, so it survives a reload.
 */
export function readNotes(storage: Storage, clientId: string): Record<string, CommandNote> {
  try {
    return JSON.parse(storage.getItem(notesKey(clientId)) ?? '{}');
  } catch {
    return {};
  }
}

export function noteCommand(
  storage: Storage,
  clientId: string,
  commandId: string,
  note: CommandNote,
): void {
  const kept = Object.entries(readNotes(storage, clientId)).slice(-(MAX_NOTES - 1));
  storage.setItem(
    notesKey(clientId),
    JSON.stringify(Object.fromEntries([...kept, [commandId, note]])),
  );
}
