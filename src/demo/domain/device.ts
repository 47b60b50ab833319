import { type DomainEvent, defineAggregate } from 'logbook';
import { z } from 'zod';
import { reject } from './rejection';
import { id } from './schemas';
import { shopId, streamIn } from './shops';

/** The longest device name: a word or two, as in "laptop" or "Ben's phone". */
export const MAX_DEVICE_NAME = 40;

export const deviceCommands = {
  /** "The client id `clientId` is called `name`", recorded in a shop so its other devices learn it. */
  NameDevice: z.object({
    shopId,
    clientId: id,
    name: z.string().trim().min(1).max(MAX_DEVICE_NAME),
  }),
};

export type DeviceNamed = DomainEvent<'DeviceNamed', z.infer<typeof deviceCommands.NameDevice>>;

/**
 * A device's name in one shop: event metadata carries only the client id, so devices name
 * themselves in each shop they write to, and every device of the shop can say who did what.
 */
export const device = defineAggregate<{ name: string | null }, typeof deviceCommands, DeviceNamed>({
  name: 'device',
  commands: deviceCommands,
  events: { DeviceNamed: deviceCommands.NameDevice },
  streamOf: (command) => streamIn(command.data.shopId, `device-${command.data.clientId}`),
  initialState: () => ({ name: null }),
  evolve: (state, event) => (event.type === 'DeviceNamed' ? { name: event.data.name } : state),
  decide: (command, state) => {
    if (state.name === command.data.name) reject(`The device is already called ${state.name}`);
    return { type: 'DeviceNamed', data: command.data };
  },
});
