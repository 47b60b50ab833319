import { v7 as uuidv7 } from 'uuid';
import type { ShopCommand } from '../domain/shop';
import { noteCommand } from './rejections/commandNotes';
import { useClient, useCommand } from './shop';
import { useThisDeviceName } from './thisDevice';

/** Shops this page has named its device in already, by client id, shop and name. */
const named = new Set<string>();

/**
 * `useCommand` for the shop's own buttons: before a device's first command in a shop it names
 * itself there (so the shop's other devices can say who did what), and each command is noted,
 * so a rejection after sync can say what it undid.
 */
export function useShopCommand() {
  const client = useClient();
  const name = useThisDeviceName();
  const command = useCommand();
  const execute = async (sent: ShopCommand) => {
    const id = sent.id ?? uuidv7();
    noteCommand(localStorage, client.clientId, id, {
      command: { type: sent.type, data: sent.data },
      at: Date.now(),
    });
    const { shopId } = sent.data;
    const naming = `${client.clientId}|${shopId}|${name}`;
    if (!named.has(naming)) {
      named.add(naming);
      // One command id per device, shop and name: every tab and reload after the first gets the
      // first result back, and records nothing.
      await client.execute({
        type: 'NameDevice',
        id: `name-${naming}`,
        data: { shopId, clientId: client.clientId, name },
      });
    }
    return command.execute({ ...sent, id } as ShopCommand);
  };
  return { ...command, execute };
}
